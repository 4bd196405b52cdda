package kube

import (
	"slices"

	"go.yaml.in/yaml/v3"
)

// Helpers over yaml.v3 node trees. A kubeconfig is kept as nodes rather than
// decoded into structs so that every field of a cluster, context or user —
// including extensions and auth options newer than this stint — reaches the
// session kubeconfig exactly as the user wrote it.

// plainTree returns a copy of n with aliases replaced by copies of what they
// point at, merge keys (<<) expanded into ordinary keys, and comments and
// anchors dropped: a tree that can be read key by key and cut into pieces
// that stand on their own.
func plainTree(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.AliasNode {
		return plainTree(n.Alias)
	}
	out := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value, Line: n.Line, Column: n.Column}
	if n.Kind != yaml.MappingNode {
		for _, child := range n.Content {
			out.Content = append(out.Content, plainTree(child))
		}
		return out
	}
	// Keys written in the mapping win over merged ones; among merged
	// mappings the earlier wins (YAML's merge-key rules).
	var merged [][]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], plainTree(n.Content[i+1])
		if key.Kind == yaml.ScalarNode && key.Value == "<<" && key.ShortTag() == "!!merge" {
			switch value.Kind {
			case yaml.MappingNode:
				merged = append(merged, value.Content)
			case yaml.SequenceNode:
				for _, m := range value.Content {
					if m.Kind == yaml.MappingNode {
						merged = append(merged, m.Content)
					}
				}
			}
			continue
		}
		out.Content = append(out.Content, plainTree(key), value)
	}
	for _, pairs := range merged {
		for i := 0; i+1 < len(pairs); i += 2 {
			if lookup(out, pairs[i].Value) == nil {
				out.Content = append(out.Content, pairs[i], pairs[i+1])
			}
		}
	}
	return out
}

// cloneTree is a deep copy of a plain tree.
func cloneTree(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	out := *n
	out.Content = make([]*yaml.Node, len(n.Content))
	for i, child := range n.Content {
		out.Content[i] = cloneTree(child)
	}
	return &out
}

// lookup is the value under key in mapping m, or nil.
func lookup(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// stringAt is the string under key in mapping m; "" when absent or null.
func stringAt(m *yaml.Node, key string) string {
	v := lookup(m, key)
	if v == nil || v.Kind != yaml.ScalarNode || v.ShortTag() == "!!null" {
		return ""
	}
	return v.Value
}

// setString puts value under key in mapping m, replacing what was there.
func setString(m *yaml.Node, key, value string) {
	if v := lookup(m, key); v != nil {
		*v = *stringNode(value)
		return
	}
	m.Content = append(m.Content, stringNode(key), stringNode(value))
}

// stringNode is a scalar that always reads back as the string value, even
// when it looks like a number, a bool or null.
func stringNode(value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: value}
}

// mappingNode builds a mapping from key/value pairs in order.
func mappingNode(pairs ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(pairs); i += 2 {
		var value *yaml.Node
		switch v := pairs[i+1].(type) {
		case string:
			value = stringNode(v)
		case *yaml.Node:
			value = v
		}
		m.Content = append(m.Content, stringNode(pairs[i].(string)), value)
	}
	return m
}

// sequenceNode is a block sequence of items; an empty one is written [].
func sequenceNode(items []*yaml.Node) *yaml.Node {
	s := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: slices.Clone(items)}
	if len(items) == 0 {
		s.Style = yaml.FlowStyle
	}
	return s
}
