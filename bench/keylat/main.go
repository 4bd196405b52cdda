// Command keylat times a key to what it draws, in a tmux pane, for
// bench/picker: `go run ./bench/keylat -L SOCKET -t PANE -runs 20`.
//
// It talks to the tmux server through one control-mode client (`tmux -C`):
// keys go in as send-keys commands written to that client, and the pane's
// output comes back as %output notifications the moment tmux reads it from
// the pane's terminal. No process is started per key or per look at the
// screen, so the figures are the shell's and the program's time, not the
// bench's (a `tmux send-keys` or `capture-pane` process costs 3–10 ms here).
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

func main() {
	sock := flag.String("L", "", "tmux socket name (tmux -L)")
	target := flag.String("t", "", "tmux target pane")
	runs := flag.Int("runs", 40, "how many times to press the key")
	key := flag.String("key", "M-s", "the key, as tmux send-keys names it")
	first := flag.String("first", "filter clients", "text of the first frame")
	full := flag.String("full", "", "text that appears once the frame shows its data (optional)")
	quit := flag.String("quit", "Escape", "the key that closes what -key opened")
	prompt := flag.String("prompt", "READY>", "text of the shell's prompt, drawn after -quit")
	raw := flag.Bool("raw", false, "print each run's times in ms (first frame, rows drawn), not their summary")
	flag.Parse()
	if *sock == "" || *target == "" {
		fmt.Fprintln(os.Stderr, "keylat: -L and -t are needed")
		os.Exit(2)
	}
	c, err := attach(*sock, *target)
	if err != nil {
		fmt.Fprintln(os.Stderr, "keylat:", err)
		os.Exit(1)
	}
	defer c.close()
	var firsts, fulls []float64
	for range *runs {
		c.drain()
		c.send("send-keys -t %s C-l", *target)
		c.waitFor(*prompt, 5*time.Second)
		time.Sleep(50 * time.Millisecond) // let the shell settle, as a person would
		c.drain()
		t0 := time.Now()
		c.send("send-keys -t %s %s", *target, *key)
		t1, ok := c.waitFor(*first, 5*time.Second)
		if !ok {
			fmt.Fprintf(os.Stderr, "keylat: %q not drawn within 5 s\n", *first)
			os.Exit(1)
		}
		t2 := t1
		if *full != "" {
			if t2, ok = c.waitFor(*full, 5*time.Second); !ok {
				fmt.Fprintf(os.Stderr, "keylat: %q not drawn within 5 s\n", *full)
				os.Exit(1)
			}
		}
		firsts, fulls = append(firsts, ms(t1.Sub(t0))), append(fulls, ms(t2.Sub(t0)))
		if *raw {
			fmt.Printf("%.2f %.2f\n", ms(t1.Sub(t0)), ms(t2.Sub(t0)))
		}
		time.Sleep(20 * time.Millisecond)
		c.drain()
		c.send("send-keys -t %s %s", *target, *quit)
		if _, ok := c.waitFor(*prompt, 5*time.Second); !ok {
			fmt.Fprintln(os.Stderr, "keylat: the prompt did not come back within 5 s")
			os.Exit(1)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if *raw {
		return
	}
	fmt.Printf("first frame %s", summary(firsts))
	if *full != "" {
		fmt.Printf("; rows drawn %s", summary(fulls))
	}
	fmt.Println()
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// summary is the median and the 90th percentile.
func summary(v []float64) string {
	slices.Sort(v)
	return fmt.Sprintf("median %.1f ms, p90 %.1f ms over %d runs", v[(len(v)-1)/2], v[len(v)*9/10-1], len(v))
}

// client is a tmux control-mode client and what the pane has drawn since
// the last drain.
type client struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	lines chan line
	seen  strings.Builder // the pane's output since the last drain
	last  time.Time       // when the latest of it arrived
}

type line struct {
	text string
	at   time.Time
}

func attach(sock, target string) (*client, error) {
	cmd := exec.Command("tmux", "-L", sock, "-C", "attach", "-t", target)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &client{cmd: cmd, in: in, lines: make(chan line, 1024)}
	go func() {
		r := bufio.NewReaderSize(out, 1<<20)
		for {
			s, err := r.ReadString('\n')
			if s != "" {
				c.lines <- line{s, time.Now()}
			}
			if err != nil {
				close(c.lines)
				return
			}
		}
	}()
	return c, nil
}

func (c *client) send(format string, args ...any) {
	fmt.Fprintf(c.in, format+"\n", args...)
}

// drain forgets what was drawn so far.
func (c *client) drain() {
	for {
		select {
		case l := <-c.lines:
			_ = l
		default:
			c.seen.Reset()
			c.last = time.Time{}
			return
		}
	}
}

// waitFor reads the pane's output until text appears in what was drawn
// since the last drain, and says when the output that completed it arrived.
func (c *client) waitFor(text string, limit time.Duration) (time.Time, bool) {
	if c.last != (time.Time{}) && strings.Contains(ansi.Strip(c.seen.String()), text) {
		return c.last, true // drawn by the output that completed an earlier wait
	}
	deadline := time.After(limit)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				return time.Time{}, false
			}
			rest, isOutput := strings.CutPrefix(l.text, "%output ")
			if !isOutput {
				continue
			}
			if _, data, ok := strings.Cut(rest, " "); ok {
				c.seen.WriteString(unescape(strings.TrimSuffix(data, "\n")))
				c.last = l.at
			}
			if strings.Contains(ansi.Strip(c.seen.String()), text) {
				return l.at, true
			}
		case <-deadline:
			return time.Time{}, false
		}
	}
}

// unescape undoes control mode's escaping: bytes below 32 and the
// backslash come as a backslash and three octal digits.
func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+4 <= len(s) {
			if v, ok := octal(s[i+1 : i+4]); ok {
				b.WriteByte(v)
				i += 3
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func octal(s string) (byte, bool) {
	if len(s) != 3 {
		return 0, false
	}
	var v int
	for _, ch := range []byte(s) {
		if ch < '0' || ch > '7' {
			return 0, false
		}
		v = v*8 + int(ch-'0')
	}
	return byte(v), v < 256
}

func (c *client) close() {
	_ = c.in.Close() // an empty line or EOF detaches the control client
	_ = c.cmd.Wait()
}
