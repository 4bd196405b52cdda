package store

import "context"

// Root is a directory bound to a client: its workdir or a repository.
type Root struct {
	Client string
	Path   string
}

// BoundRoots lists the workdirs and repository paths of the clients that
// take part in auto_switch (not archived, not opted out, not waiting for
// review), by client and path.
func (db *DB) BoundRoots(ctx context.Context) ([]Root, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT slug, workdir FROM clients
		 WHERE workdir <> '' AND archived = 0 AND auto_switch = 1 AND review_pending = 0
		UNION
		SELECT c.slug, r.path FROM repos r JOIN clients c ON c.id = r.client_id
		 WHERE c.archived = 0 AND c.auto_switch = 1 AND c.review_pending = 0
		ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Root
	for rows.Next() {
		var r Root
		if err := rows.Scan(&r.Client, &r.Path); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}
