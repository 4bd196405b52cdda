package secrets

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEncodeDecodeRoundTrip(t *testing.T) {
	values := map[string]string{
		"PLAIN":   "hunter2",
		"EMPTY":   "",
		"JSON":    `{"type":"service_account","private_key":"-----BEGIN\nKEY\n-----END\n"}`,
		"UNICODE": "pässwörd ☃ 😀",
		"NUL":     "a\x00b",
		"BINARY":  "\xff\xfe\x00\x80raw",
	}
	data := encodeSet(values)
	assert.True(t, utf8.Valid(data), "the document must be valid UTF-8 text")
	assert.Contains(t, string(data), `"v":1`)
	got, ref, err := decodeItem(string(data))
	require.NoError(t, err)
	assert.Nil(t, ref)
	assert.Equal(t, values, got)
}

func TestDecodeChunkPointer(t *testing.T) {
	ref := chunkRef{Slot: slotB, Count: 3, Gen: "0123456789abcdef", SHA256: "00"}
	got, gotRef, err := decodeItem(string(encodeRef(ref)))
	require.NoError(t, err)
	assert.Nil(t, got)
	assert.Equal(t, &ref, gotRef)
}

func TestDecodeRejectsBadItemsWithoutEchoingThem(t *testing.T) {
	const marker = "s3cr3t-marker"
	for name, item := range map[string]string{
		"not json":      "password=" + marker,
		"newer version": `{"v":2,"secrets":{"K":"` + marker + `"}}`,
		"bad slot":      `{"v":1,"chunked":{"slot":"c","count":1,"gen":"` + marker + `"}}`,
		"zero chunks":   `{"v":1,"chunked":{"slot":"a","count":0,"gen":"g"}}`,
		"bad base64":    `{"v":1,"binary":{"K":"` + marker + `!!"}}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := decodeItem(item)
			require.Error(t, err)
			assert.NotContains(t, err.Error(), marker)
		})
	}
	_, _, err := decodeItem(`{"v":2}`)
	assert.Contains(t, err.Error(), "upgrade stint")
}

func TestSplitPayloadSizesAndRuneBoundaries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		payload string
		size    int
		want    []int // piece lengths
	}{
		{"empty", "", 4, nil},
		{"exact", "abcdefgh", 4, []int{4, 4}},
		{"one over", "abcdefghi", 4, []int{4, 4, 1}},
		{"shorter than size", "ab", 4, []int{2}},
		// "é" is 2 bytes: a cut at 3 would split the second one.
		{"two-byte runes", "ééé", 3, []int{2, 2, 2}},
		// "😀" is 4 bytes: a cut at 5 backs off to 4.
		{"four-byte runes", "😀😀", 5, []int{4, 4}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pieces := splitPayload([]byte(tc.payload), tc.size)
			var lens []int
			for _, p := range pieces {
				lens = append(lens, len(p))
				assert.True(t, utf8.ValidString(p), "piece %q splits a rune", p)
			}
			assert.Equal(t, tc.want, lens)
			assert.Equal(t, tc.payload, strings.Join(pieces, ""))
		})
	}
}

func TestChunkContentCarriesGeneration(t *testing.T) {
	content := chunkContent("0123456789abcdef", "piece\nwith newline")
	assert.LessOrEqual(t, len(chunkContent("0123456789abcdef", strings.Repeat("x", chunkPieceSize))), MaxItemBytes)

	piece, ok := chunkPiece(content, "0123456789abcdef")
	assert.True(t, ok)
	assert.Equal(t, "piece\nwith newline", piece)

	_, ok = chunkPiece(content, "fedcba9876543210")
	assert.False(t, ok, "a chunk of another generation must be refused")
	_, ok = chunkPiece("no newline", "no newline")
	assert.False(t, ok)
}

func TestJoinChunksVerifiesChecksum(t *testing.T) {
	payload := string(encodeSet(map[string]string{"K": strings.Repeat("v", 100)}))
	pieces := splitPayload([]byte(payload), 40)
	ref := chunkRef{Slot: slotA, Count: len(pieces), Gen: "g", SHA256: checksum(payload)}

	got, err := joinChunks(pieces, ref)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("v", 100), got["K"])

	pieces[1] = strings.Replace(pieces[1], "v", "w", 1)
	_, err = joinChunks(pieces, ref)
	assert.ErrorIs(t, err, errTorn)
}

func TestItemNames(t *testing.T) {
	assert.Equal(t, "acme", headUser("acme"))
	assert.Equal(t, "acme#a1", chunkUser("acme", slotA, 1))
	assert.Equal(t, "acme#b12", chunkUser("acme", slotB, 12))
	assert.Equal(t, slotB, otherSlot(slotA))
	assert.Equal(t, slotA, otherSlot(slotB))
	assert.True(t, validClient("acme-2"))
	assert.False(t, validClient(""))
	assert.False(t, validClient("ac#me"))
}

func TestMacOSEncodingFitsMaxItem(t *testing.T) {
	// go-keyring on macOS base64-encodes with an 18-byte prefix and refuses
	// a command line over 4096 bytes; Windows refuses over 2560 bytes.
	encoded := 18 + (MaxItemBytes+2)/3*4
	commandOverhead := len("add-generic-password -U -s 'stint' -a '' -w ''\n") + 40 + 10 // 40-char client, "#a123"
	assert.LessOrEqual(t, encoded+commandOverhead, 4096)
	assert.LessOrEqual(t, MaxItemBytes, 2560)
}
