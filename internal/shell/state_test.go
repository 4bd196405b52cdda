package shell

import (
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeStateAbsent(t *testing.T) {
	st, err := DecodeState(nil)
	require.NoError(t, err)
	assert.Equal(t, State{}, st)
	assert.False(t, st.Active())

	st, err = DecodeState(map[string]string{VarClient: "acme", VarSession: "1-2", VarPrevious: "globex", VarState: ""})
	require.NoError(t, err)
	assert.Equal(t, State{Client: "acme", Session: "1-2", Previous: "globex"}, st)
	assert.True(t, st.Active())
}

func TestStateRoundTrip(t *testing.T) {
	saved := []Saved{
		{Name: "AWS_PROFILE", Prior: "user", WasSet: true},
		{Name: "EMPTY", Prior: "", WasSet: true},
		{Name: "NEW", WasSet: false},
		{Name: "BYTES", Prior: "\xff\xfe é \n", WasSet: true},
		{Name: "HTML", Prior: "<a href='x'>&</a>", WasSet: true},
	}
	encoded := EncodeState(saved, "")
	assert.Regexp(t, `^v1\.[A-Za-z0-9_-]+$`, encoded, "state must be one shell-safe word")
	st, err := DecodeState(map[string]string{VarState: encoded})
	require.NoError(t, err)
	assert.Equal(t, saved, st.Saved)

	empty, err := DecodeState(map[string]string{VarState: EncodeState(nil, "")})
	require.NoError(t, err)
	assert.Empty(t, empty.Saved)
}

func TestDecodeStateToleratesUnknownFields(t *testing.T) {
	raw := "v1." + base64.RawURLEncoding.EncodeToString([]byte(`{"v":[{"n":"A","o":"x","future":1}],"later":true}`))
	st, err := DecodeState(map[string]string{VarState: raw})
	require.NoError(t, err)
	assert.Equal(t, []Saved{{Name: "A", Prior: "x", WasSet: true}}, st.Saved)
}

func TestDecodeStateCorrupted(t *testing.T) {
	b64 := func(s string) string { return "v1." + base64.RawURLEncoding.EncodeToString([]byte(s)) }
	cases := map[string]string{
		"v1.!!!":                            "bad base64",
		"v2.abc":                            "unknown format",
		"garbage":                           "unknown format",
		b64("not json"):                     "bad JSON",
		b64(`{"v":[{"n":"A"},{"n":"A"}]}`):  "twice",
		b64(`{"v":[{"n":"STINT_CLIENT"}]}`): "cannot manage",
		b64(`{"v":[{"n":"bad name"}]}`):     "cannot manage",
		b64(`{"v":[{"n":"A","o":"x","b":"eA=="}]}`): "two prior values",
		b64(`{"v":[{"n":"A","o":"x\u0000"}]}`):      "NUL",
	}
	for raw, reason := range cases {
		_, err := DecodeState(map[string]string{VarState: raw, VarClient: "acme"})
		var se *StateError
		if assert.ErrorAs(t, err, &se, raw) {
			assert.Contains(t, err.Error(), reason, raw)
			assert.Contains(t, err.Error(), "stint off --force", "the error must say how to recover")
			assert.Contains(t, err.Error(), "unset STINT_STATE")
		}
	}
}
