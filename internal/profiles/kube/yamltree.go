package kube

import (
	"errors"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Helpers over yaml.v3 node trees. A kubeconfig is kept as nodes rather than
// decoded into structs so that every field of a cluster, context or user —
// including extensions and auth options newer than this stint — reaches the
// session kubeconfig exactly as the user wrote it.

// maxPlainNodes bounds the tree plainTree builds: aliases can make a small
// file expand exponentially ("billion laughs"); a real kubeconfig is far
// below this.
const maxPlainNodes = 1 << 20

// plainTree returns a copy of n with aliases replaced by copies of what they
// point at, merge keys (<<) expanded into ordinary keys, and comments and
// anchors dropped: a tree that can be read key by key and cut into pieces
// that stand on their own. An alias inside what it names, or aliases that
// expand past maxPlainNodes, are errors, as kubectl's reader refuses them.
func plainTree(n *yaml.Node) (*yaml.Node, error) {
	p := planter{expanding: map[*yaml.Node]bool{}}
	out := p.plant(n)
	return out, p.err
}

// planter builds one plain tree, keeping the aliases being expanded on the
// current path (to catch cycles) and a count of the nodes made.
type planter struct {
	expanding map[*yaml.Node]bool
	nodes     int
	err       error
}

func (p *planter) plant(n *yaml.Node) *yaml.Node {
	if n == nil || p.err != nil {
		return nil
	}
	if p.nodes++; p.nodes > maxPlainNodes {
		p.err = errors.New("its aliases expand to more than a million nodes")
		return nil
	}
	if n.Kind == yaml.AliasNode {
		if p.expanding[n.Alias] {
			p.err = fmt.Errorf("line %d: the alias *%s is used inside what it names", n.Line, n.Value)
			return nil
		}
		p.expanding[n.Alias] = true
		defer delete(p.expanding, n.Alias)
		return p.plant(n.Alias)
	}
	out := &yaml.Node{Kind: n.Kind, Style: n.Style, Tag: n.Tag, Value: n.Value, Line: n.Line, Column: n.Column}
	if n.Kind != yaml.MappingNode {
		for _, child := range n.Content {
			out.Content = append(out.Content, p.plant(child))
		}
		if p.err != nil {
			return nil
		}
		return out
	}
	// Keys written in the mapping win over merged ones; among merged
	// mappings the earlier wins (YAML's merge-key rules).
	var merged [][]*yaml.Node
	for i := 0; i+1 < len(n.Content) && p.err == nil; i += 2 {
		key, value := n.Content[i], p.plant(n.Content[i+1])
		if value == nil {
			continue // p.err is set
		}
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
		if i := keyIndex(out, key.Value); i >= 0 {
			out.Content[i+1] = value // a key written twice: the last one counts, as for kubectl
			continue
		}
		out.Content = append(out.Content, p.plant(key), value)
	}
	if p.err != nil {
		return nil
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
	if i := keyIndex(m, key); i >= 0 {
		return m.Content[i+1]
	}
	return nil
}

// keyIndex is the index of key's node in mapping m's Content, or -1.
func keyIndex(m *yaml.Node, key string) int {
	if m == nil || m.Kind != yaml.MappingNode {
		return -1
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// stringAt is the string under key in mapping m; "" when absent or null.
func stringAt(m *yaml.Node, key string) string {
	v := lookup(m, key)
	if v == nil || v.Kind != yaml.ScalarNode || tagOf(v) == "!!null" {
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

// tagOf is a node's resolved tag as kubectl's YAML reader sees it. It
// differs from yaml.v3's ShortTag in one place: the non-specific tag "!"
// makes a scalar a string (YAML's rule), where yaml.v3 resolves it anew.
func tagOf(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode && n.Tag == "!" {
		return "!!str"
	}
	return n.ShortTag()
}
