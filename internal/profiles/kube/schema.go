package kube

import (
	"encoding/base64"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The kubeconfig (v1) schema, as far as kubectl rejects a file over it: a
// field of the wrong type makes kubectl refuse the whole file, so stint
// refuses it too, when the user binds it rather than when a session file
// kubectl cannot read is already in the shell. Fields not listed here are
// ignored, as kubectl ignores them, and copied through untouched.
//
// The field list follows k8s.io/client-go/tools/clientcmd/api/v1; the
// tests load every file stint writes with client-go's own loader.

type fieldKind int

const (
	kindString fieldKind = iota
	kindBool
	kindBytes      // base64 in YAML ([]byte in Go)
	kindStringList // []string
	kindStringMap  // map[string]string
	kindListMap    // map[string][]string
	kindObject     // a nested mapping with its own fields
	kindList       // a sequence of mappings with their own fields
	kindAny        // runtime.RawExtension: anything goes
)

type field struct {
	kind   fieldKind
	fields schema // for kindObject and kindList
}

type schema map[string]field

var (
	str         = field{kind: kindString}
	boolean     = field{kind: kindBool}
	base64Bytes = field{kind: kindBytes}

	extensionsField = field{kind: kindList, fields: schema{"name": str, "extension": {kind: kindAny}}}

	clusterSchema = schema{
		"server":                     str,
		"tls-server-name":            str,
		"insecure-skip-tls-verify":   boolean,
		"certificate-authority":      str,
		"certificate-authority-data": base64Bytes,
		"proxy-url":                  str,
		"disable-compression":        boolean,
		"extensions":                 extensionsField,
	}
	contextSchema = schema{
		"cluster":    str,
		"user":       str,
		"namespace":  str,
		"extensions": extensionsField,
	}
	userSchema = schema{
		"client-certificate":      str,
		"client-certificate-data": base64Bytes,
		"client-key":              str,
		"client-key-data":         base64Bytes,
		"token":                   str,
		"tokenFile":               str,
		"as":                      str,
		"as-uid":                  str,
		"as-groups":               {kind: kindStringList},
		"as-user-extra":           {kind: kindListMap},
		"username":                str,
		"password":                str,
		"auth-provider":           {kind: kindObject, fields: schema{"name": str, "config": {kind: kindStringMap}}},
		"exec": {kind: kindObject, fields: schema{
			"command":            str,
			"args":               {kind: kindStringList},
			"env":                {kind: kindList, fields: schema{"name": str, "value": str}},
			"apiVersion":         str,
			"installHint":        str,
			"provideClusterInfo": boolean,
			"interactiveMode":    str,
		}},
		"extensions": extensionsField,
	}
	configSchema = schema{
		"apiVersion":      str,
		"kind":            str,
		"current-context": str,
		"preferences":     {kind: kindObject, fields: schema{"colors": boolean, "extensions": extensionsField}},
		"clusters":        {kind: kindList, fields: schema{"name": str, "cluster": {kind: kindObject, fields: clusterSchema}}},
		"contexts":        {kind: kindList, fields: schema{"name": str, "context": {kind: kindObject, fields: contextSchema}}},
		"users":           {kind: kindList, fields: schema{"name": str, "user": {kind: kindObject, fields: userSchema}}},
		"extensions":      extensionsField,
	}
)

// checkMapping checks the fields of mapping m against s. where names m in
// messages (e.g. "users[2].user"); messages never quote a value, since a
// kubeconfig holds tokens and keys.
func checkMapping(m *yaml.Node, s schema, where string) error {
	if isNull(m) {
		return nil
	}
	if m.Kind != yaml.MappingNode {
		return fmt.Errorf("%s must be a mapping", orTop(where))
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, value := m.Content[i], m.Content[i+1]
		f, known := s[key.Value]
		if !known {
			continue
		}
		if err := checkField(value, f, join(where, key.Value)); err != nil {
			return err
		}
	}
	return nil
}

func checkField(v *yaml.Node, f field, where string) error {
	if isNull(v) {
		return nil
	}
	switch f.kind {
	case kindAny:
		return nil
	case kindString:
		return checkString(v, where)
	case kindBool:
		if v.Kind != yaml.ScalarNode || tagOf(v) != "!!bool" && !isYAML11Bool(v) {
			return fmt.Errorf("%s must be true or false", where)
		}
	case kindBytes:
		if err := checkString(v, where); err != nil {
			return err
		}
		clean := strings.NewReplacer("\n", "", "\r", "").Replace(v.Value)
		if _, err := base64.StdEncoding.DecodeString(clean); err != nil {
			return fmt.Errorf("%s is not valid base64", where)
		}
	case kindStringList:
		if v.Kind != yaml.SequenceNode {
			return fmt.Errorf("%s must be a list of strings", where)
		}
		for i, item := range v.Content {
			if err := checkString(item, fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
	case kindStringMap, kindListMap:
		if v.Kind != yaml.MappingNode {
			return fmt.Errorf("%s must be a mapping", where)
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			inner := join(where, v.Content[i].Value)
			var err error
			if f.kind == kindStringMap {
				err = checkString(v.Content[i+1], inner)
			} else {
				err = checkField(v.Content[i+1], field{kind: kindStringList}, inner)
			}
			if err != nil {
				return err
			}
		}
	case kindObject:
		return checkMapping(v, f.fields, where)
	case kindList:
		if v.Kind != yaml.SequenceNode {
			return fmt.Errorf("%s must be a list", where)
		}
		for i, item := range v.Content {
			if err := checkMapping(item, f.fields, fmt.Sprintf("%s[%d]", where, i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkString accepts what decodes into a Go string through kubectl's
// YAML-to-JSON loader: strings (quoted or plain) and plain scalars YAML
// would read as timestamps, but not numbers, bools, lists or mappings.
func checkString(v *yaml.Node, where string) error {
	if isNull(v) {
		return nil
	}
	if v.Kind == yaml.ScalarNode && !isYAML11Bool(v) {
		switch tagOf(v) {
		case "!!str", "!!timestamp", "!!binary":
			return nil
		}
	}
	return fmt.Errorf("%s must be a string", where)
}

// isYAML11Bool: kubectl's YAML reader follows YAML 1.1, where a plain yes,
// no, on, off, y or n is a bool; yaml.v3 follows YAML 1.2, where it is a
// string. kubectl's reading is the one that counts.
func isYAML11Bool(v *yaml.Node) bool {
	if v.Kind != yaml.ScalarNode || v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return false
	}
	switch v.Value {
	case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF":
		return true
	}
	return false
}

func isNull(v *yaml.Node) bool {
	return v == nil || v.Kind == yaml.ScalarNode && tagOf(v) == "!!null"
}

func join(where, key string) string {
	if where == "" {
		return key
	}
	return where + "." + key
}

func orTop(where string) string {
	if where == "" {
		return "the top level"
	}
	return where
}
