package store

import (
	"context"
	"database/sql"
)

// ReimportClient writes a bundle's content again into the existing client
// id, in one transaction. What the bundle brings replaces what is stored:
// the client's terms and review state, plain variables, the settings in
// replaceSettings (the others — files and Kubernetes defaults the receiver
// provided — stay), isolated tools and repositories, and the runbook.
// Secret names are added (existing ones keep their values and sizes), log
// lines added unless the same line at the same time is there. Kubeconfig
// sources and contexts, which the receiver provides, stay. Time entries are
// never touched.
func (db *DB) ReimportClient(ctx context.Context, id int64, in ClientImport, replaceSettings func(key string) bool) error {
	p := in.Profile
	c := p.Client
	return db.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE clients SET name=?, color=?, rate_minor=?, currency=?,
			round_minutes=?, round_mode=?, round_per=?, minimum_minutes=?, timezone=?, production=?,
			auto_track=?, workdir=?, updated_at=?, review_pending=?, review_hash=?, allowed_hash=?, src_root=?
			WHERE id=?`,
			c.Name, c.Color, c.RateMinor, c.Currency, c.RoundMinutes, c.RoundMode, c.RoundPer,
			c.MinimumMinutes, c.Timezone, c.Production, c.AutoTrack, c.Workdir, c.UpdatedAt.Unix(),
			c.ReviewPending, c.ReviewHash, c.AllowedHash, c.SrcRoot, id); err != nil {
			return err
		}
		for _, q := range []string{"DELETE FROM client_vars WHERE client_id = ?",
			"DELETE FROM client_isolation WHERE client_id = ?", "DELETE FROM repos WHERE client_id = ?"} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		keys, err := strings1(ctx, tx, "SELECT key FROM client_settings WHERE client_id = ?", id)
		if err != nil {
			return err
		}
		for _, k := range keys {
			if replaceSettings(k) {
				if _, err := tx.ExecContext(ctx, "DELETE FROM client_settings WHERE client_id = ? AND key = ?", id, k); err != nil {
					return err
				}
			}
		}
		for _, v := range p.Vars {
			if _, err := tx.ExecContext(ctx, "INSERT INTO client_vars (client_id, name, value) VALUES (?,?,?)", id, v.Name, v.Value); err != nil {
				return err
			}
		}
		for k, v := range p.Settings {
			if _, err := tx.ExecContext(ctx, `INSERT INTO client_settings (client_id, key, value) VALUES (?,?,?)
				ON CONFLICT (client_id, key) DO UPDATE SET value = excluded.value`, id, k, v); err != nil {
				return err
			}
		}
		for _, t := range p.Isolated {
			if _, err := tx.ExecContext(ctx, "INSERT INTO client_isolation (client_id, tool) VALUES (?,?)", id, t); err != nil {
				return err
			}
		}
		for _, r := range p.Repos {
			if _, err := tx.ExecContext(ctx, "INSERT INTO repos (client_id, path, url, added_at) VALUES (?,?,?,?)", id, r.Path, r.URL, r.AddedAt.Unix()); err != nil {
				return err
			}
		}
		for _, s := range p.SecretNames {
			if _, err := tx.ExecContext(ctx, `INSERT INTO secret_names (client_id, name, size, updated_at) VALUES (?,?,?,?)
				ON CONFLICT DO NOTHING`, id, s.Name, s.Size, s.UpdatedAt.Unix()); err != nil {
				return err
			}
		}
		if err := setRunbook(ctx, tx, id, in.Runbook, in.RunbookAt); err != nil {
			return err
		}
		for _, n := range in.Log {
			var dup int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM note_log WHERE client_id = ? AND at = ? AND body = ?",
				id, n.At.Unix(), n.Body).Scan(&dup); err != nil {
				return err
			}
			if dup == 0 {
				if _, err := addNote(ctx, tx, id, n.At, n.Body); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
