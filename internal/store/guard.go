package store

import (
	"context"
	"database/sql"
)

// SetKubeProduction marks one of a client's contexts as production (or
// not). ErrNotFound when the client has no such context.
func (db *DB) SetKubeProduction(ctx context.Context, clientID int64, kubeContext string, on bool) error {
	res, err := db.sql.ExecContext(ctx, `UPDATE kube_contexts SET production = ? WHERE client_id = ? AND context = ?`,
		on, clientID, kubeContext)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

// ProdContext is a production kube context and the client it belongs to.
type ProdContext struct {
	ClientID int64
	Client   string // slug
	Context  string
}

// GuardFacts is what the production guard needs to decide on one command:
// whether the shell's client is production, and every production context
// of every client that is not archived.
type GuardFacts struct {
	ClientFound      bool
	ClientID         int64
	ClientProduction bool
	ProdContexts     []ProdContext // by context, then client
}

// GuardFacts reads, in one read transaction, what the guard decides on for
// a shell in client slug ("" for none).
func (db *DB) GuardFacts(ctx context.Context, slug string) (GuardFacts, error) {
	var f GuardFacts
	tx, err := db.sql.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return f, err
	}
	defer tx.Rollback()
	err = func() error {
		if slug != "" {
			err := tx.QueryRowContext(ctx, `SELECT id, production FROM clients WHERE slug = ?`, slug).Scan(&f.ClientID, &f.ClientProduction)
			switch {
			case err == nil:
				f.ClientFound = true
			case err != sql.ErrNoRows:
				return err
			}
		}
		return eachRow(ctx, tx, `SELECT c.id, c.slug, k.context FROM kube_contexts k JOIN clients c ON c.id = k.client_id
			WHERE k.production = 1 AND c.archived = 0 ORDER BY k.context, c.slug`, nil, func(r *sql.Rows) error {
			var pc ProdContext
			if err := r.Scan(&pc.ClientID, &pc.Client, &pc.Context); err != nil {
				return err
			}
			f.ProdContexts = append(f.ProdContexts, pc)
			return nil
		})
	}()
	return f, err
}
