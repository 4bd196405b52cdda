package timesheet

import "strings"

type stringsBuilder = strings.Builder
