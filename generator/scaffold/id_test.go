package scaffold_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govdoc/govdoc/generator/scaffold"
)

func TestNextID(t *testing.T) {
	// example is the shape of the example handbook: a prefix per section,
	// the number of the file name in the ID.
	example := []scaffold.Existing{
		{"content/governance/0010_governance_framework.md", "iso-38500-0010"},
		{"content/governance/0230_it_management_responsibilities.md", "iso-38500-0230"},
		{"content/portfolio/0620_project_delivery.md", "iso-38500-0620"},
		{"content/security/0300_information_security_policy.md", "iso-27001-0300"},
		{"content/security/0320_security_incident_management.md", "iso-27001-0320"},
		{"content/service/0400_service_level_management.md", "itil-0400"},
	}
	prefixed := []scaffold.Existing{
		{"content/policies/passwords.md", "ITG-POL-0042"},
		{"content/policies/backup.md", "ITG-POL-0007"},
		{"content/policies/crypto.md", "ITG-STD-0103"},
		{"content/standards/tls.md", "ITG-STD-0104"},
		{"content/standards/ssh.md", "ITG-STD-0101"},
		{"content/standards/overview.md", "standards-overview"}, // no number: no pattern
	}
	tests := []struct {
		name string
		docs []scaffold.Existing
		file string
		want string
	}{
		{"the file's number, with the folder's prefix", example, "content/security/0400_access_control.md", "iso-27001-0400"},
		{"no number: one more than the prefix's highest", example, "content/security/access_review.md", "iso-27001-0321"},
		{"the file's number is taken", example, "content/governance/0230_roles.md", "iso-38500-0621"},
		{"a new folder: the site's most common prefix", example, "content/hr/0700_onboarding.md", "iso-38500-0700"},
		{"a new folder without a number", example, "content/hr/onboarding.md", "iso-38500-0621"},
		{"a nested folder is a folder of its own", example, "content/security/cloud/0330_cloud.md", "iso-38500-0330"},
		{"the folder's most common prefix", prefixed, "content/policies/remote_work.md", "ITG-POL-0043"},
		{"the other folder's prefix", prefixed, "content/standards/dns.md", "ITG-STD-0105"},
		{"the file's number in the pattern's padding", prefixed, "content/standards/12_dns.md", "ITG-STD-0012"},
		{"zero padding is kept", []scaffold.Existing{{"content/a.md", "GOV-007"}, {"content/b.md", "GOV-012"}}, "content/c.md", "GOV-013"},
		{"the most common padding", []scaffold.Existing{{"content/a.md", "GOV-0007"}, {"content/b.md", "GOV-0012"}, {"content/c.md", "GOV-13"}}, "content/d.md", "GOV-0014"},
		{"a number outgrows its padding", []scaffold.Existing{{"content/a.md", "GOV-9999"}}, "content/b.md", "GOV-10000"},
		{"bare numbers", []scaffold.Existing{{"content/a/0230_a.md", "0230"}, {"content/a/0240_b.md", "0240"}}, "content/a/c.md", "0241"},
		{"bare numbers from the file name", []scaffold.Existing{{"content/a/0230_a.md", "0230"}}, "content/a/0400_b.md", "0400"},
		{"IDs match regardless of case", []scaffold.Existing{{"content/a.md", "GOV-0001"}, {"content/b.md", "GOV-0002"}, {"content/c.md", "gov-0400"}}, "content/0400_d.md", "GOV-0401"},
		{"the spelling most IDs have", []scaffold.Existing{{"content/a.md", "gov-0001"}, {"content/b.md", "GOV-0002"}, {"content/c.md", "GOV-0003"}}, "content/d.md", "GOV-0004"},
		{"IDs without a number are no pattern", []scaffold.Existing{{"content/a.md", "framework"}, {"content/b.md", "GOV-0001"}}, "content/c.md", "GOV-0002"},
		{"an empty site", nil, "content/governance/framework.md", "DOC-0001"},
		{"an empty site, with the file's number", nil, "content/governance/0010_framework.md", "DOC-0010"},
		{"documents without IDs", []scaffold.Existing{{"content/a.md", ""}}, "content/b.md", "DOC-0001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, scaffold.NextID(tt.docs, tt.file))
		})
	}
}

func TestNumberPrefix(t *testing.T) {
	for name, want := range map[string]string{
		"0400_access_control.md": "0400",
		"12-dns.md":              "12",
		"7 roles.md":             "7",
		"2fa_policy.md":          "",
		"0400.md":                "",
		"access_control.md":      "",
		"0400":                   "",
	} {
		got, ok := scaffold.NumberPrefix(name)
		assert.Equal(t, want, got, name)
		assert.Equal(t, want != "", ok, name)
	}
}
