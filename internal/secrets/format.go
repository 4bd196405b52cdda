package secrets

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

const (
	// MaxItemBytes is the most this package stores in one keyring item, on
	// every platform: below Windows' 2560-byte password limit and macOS'
	// ~3000 bytes (go-keyring base64-encodes there: 2048 bytes become 2732
	// plus a 18-byte prefix, inside its 4096-byte command line), so a set
	// that works on Linux also works everywhere else.
	MaxItemBytes = 2048

	// maxSetBytes bounds one client's encoded set (512 chunks); the Secret
	// Service slows down with huge items and no real set comes close.
	maxSetBytes = 1 << 20

	formatVersion = 1
	slotA, slotB  = "a", "b"
)

// document is the JSON held by a client's item: either the set itself, or
// a pointer to the chunks that hold it (the chunks, joined, are a document
// with the set).
type document struct {
	V       int               `json:"v"`
	Secrets map[string]string `json:"secrets,omitempty"`
	// Binary holds, base64-encoded, the values that are not valid UTF-8,
	// which JSON strings cannot carry byte for byte.
	Binary  map[string]string `json:"binary,omitempty"`
	Chunked *chunkRef         `json:"chunked,omitempty"`
}

// chunkRef names the chunks holding a set too large for one item.
type chunkRef struct {
	Slot   string `json:"slot"`   // slotA or slotB
	Count  int    `json:"count"`  // chunks <client>#<slot>1 … <client>#<slot><count>
	Gen    string `json:"gen"`    // random; the first line of every chunk
	SHA256 string `json:"sha256"` // hex, of the joined chunk payloads
}

// encodeSet renders a set as the JSON document stored in the keyring.
func encodeSet(values map[string]string) []byte {
	doc := document{V: formatVersion}
	for k, v := range values {
		if utf8.ValidString(v) {
			if doc.Secrets == nil {
				doc.Secrets = map[string]string{}
			}
			doc.Secrets[k] = v
		} else {
			if doc.Binary == nil {
				doc.Binary = map[string]string{}
			}
			doc.Binary[k] = base64.StdEncoding.EncodeToString([]byte(v))
		}
	}
	return mustMarshal(doc)
}

// encodeRef renders the pointer document for a chunked set.
func encodeRef(ref chunkRef) []byte {
	return mustMarshal(document{V: formatVersion, Chunked: &ref})
}

// mustMarshal renders a document without HTML escaping, which would turn
// every <, > and & of a value into six bytes.
func mustMarshal(doc document) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil { // only strings and ints: cannot fail
		panic(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// decodeItem parses a client's item: the set it holds, or the pointer to the
// chunks that hold it. Error messages describe the structure only, never
// the content.
func decodeItem(data string) (map[string]string, *chunkRef, error) {
	var doc document
	if err := json.Unmarshal([]byte(data), &doc); err != nil {
		return nil, nil, errors.New("item is not a stint secret document")
	}
	if doc.V != formatVersion {
		return nil, nil, &versionError{got: doc.V}
	}
	if doc.Chunked != nil {
		ref := *doc.Chunked
		if (ref.Slot != slotA && ref.Slot != slotB) || ref.Count < 1 || ref.Count > maxChunks || ref.Gen == "" {
			return nil, nil, errors.New("item has an invalid chunk pointer")
		}
		return nil, &ref, nil
	}
	values := make(map[string]string, len(doc.Secrets)+len(doc.Binary))
	for k, v := range doc.Secrets {
		values[k] = v
	}
	for k, v := range doc.Binary {
		raw, err := base64.StdEncoding.DecodeString(v)
		if err != nil {
			return nil, nil, fmt.Errorf("binary value of %s is not valid base64", k)
		}
		values[k] = string(raw)
	}
	return values, nil, nil
}

// maxChunks is the most chunks a valid pointer names.
const maxChunks = maxSetBytes/(MaxItemBytes-genLen-1) + 1

// genLen is the length of a generation: 8 random bytes in hex.
const genLen = 16

// splitPayload cuts a document into pieces of at most size bytes, never
// inside a UTF-8 sequence, so each chunk is valid text for keyrings that
// store strings rather than bytes.
func splitPayload(payload []byte, size int) []string {
	var pieces []string
	for len(payload) > 0 {
		end := min(size, len(payload))
		for end < len(payload) && end > 0 && !utf8.RuneStart(payload[end]) {
			end--
		}
		pieces = append(pieces, string(payload[:end]))
		payload = payload[end:]
	}
	return pieces
}

// chunkPieceSize is how much payload fits in a chunk after its generation line.
const chunkPieceSize = MaxItemBytes - genLen - 1

// chunkContent is what a chunk item holds: its generation, a newline, a piece.
func chunkContent(gen, piece string) string {
	return gen + "\n" + piece
}

// chunkPiece returns the piece a chunk item holds if it belongs to generation gen.
func chunkPiece(content, gen string) (string, bool) {
	g, piece, ok := strings.Cut(content, "\n")
	if !ok || g != gen {
		return "", false
	}
	return piece, true
}

// joinChunks checks the pieces against the pointer and decodes the set.
func joinChunks(pieces []string, ref chunkRef) (map[string]string, error) {
	payload := strings.Join(pieces, "")
	if checksum(payload) != ref.SHA256 {
		return nil, errTorn
	}
	values, inner, err := decodeItem(payload)
	if err != nil {
		return nil, err
	}
	if inner != nil {
		return nil, errors.New("chunks hold another chunk pointer")
	}
	return values, nil
}

func checksum(payload string) string {
	sum := sha256.Sum256([]byte(payload))
	return hex.EncodeToString(sum[:])
}

// headUser is the keyring user name of a client's item.
func headUser(client string) string { return client }

// chunkUser is the keyring user name of chunk i (from 1) in a slot.
func chunkUser(client, slot string, i int) string {
	return client + "#" + slot + strconv.Itoa(i)
}

func otherSlot(slot string) string {
	if slot == slotA {
		return slotB
	}
	return slotA
}

// validClient: '#' separates a client from its chunk names.
func validClient(client string) bool {
	return client != "" && !strings.ContainsAny(client, "#\x00")
}

// versionError: the item was written in a format this stint does not know,
// most likely by a newer stint.
type versionError struct{ got int }

func (e *versionError) Error() string {
	return fmt.Sprintf("the item has format version %d but this stint reads version %d — upgrade stint", e.got, formatVersion)
}
