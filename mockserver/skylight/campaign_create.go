package skylight

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// campaignCreate is the body of launch-campaign and POST outreach campaigns
// (already validated against the spec's CampaignCreate schema).
type campaignCreate struct {
	Name             string            `json:"name"`
	CampaignType     string            `json:"campaign_type"`
	ProviderIDs      []string          `json:"provider_ids"`
	Targets          *string           `json:"targets"`
	InviteNote       *string           `json:"invite_note"`
	SequenceMessages []sequenceMessage `json:"sequence_messages"`
}

// maxCampaignPeople is the most people one campaign takes.
const maxCampaignPeople = 500

// target is one resolved person of a new campaign and the id it was given by.
type target struct {
	person *person
	given  string
}

// profileURL matches a LinkedIn profile URL and captures its public identifier.
var profileURL = regexp.MustCompile(`(?i)^(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/in/([^/?#\s]+)/?(?:[?#]\S*)?$`)

// parseTarget reads one line of `targets`: a profile URL or a public
// identifier. ok is false for anything else.
func parseTarget(line string) (id string, ok bool) {
	if m := profileURL.FindStringSubmatch(line); m != nil {
		id, err := url.PathUnescape(m[1])
		if err != nil {
			return "", false
		}
		return id, isProfileID(id)
	}
	if strings.Contains(line, "/") {
		return "", false
	}
	return line, isProfileID(line)
}

// campaignTargets checks a campaign body beyond its schema and resolves its
// people, in order, without duplicates (one person given twice, or by both
// its provider id and its public identifier, counts once). Every problem is
// reported at once.
func (w *world) campaignTargets(in campaignCreate) ([]target, *sim.Error) {
	fields := map[string][]string{}
	switch {
	case in.CampaignType == "sequence" && len(in.SequenceMessages) == 0:
		fields["sequence_messages"] = []string{"is required when campaign_type is sequence"}
	case in.CampaignType == "invite" && len(in.SequenceMessages) > 0:
		fields["sequence_messages"] = []string{"is not allowed when campaign_type is invite"}
	}
	var ids []string
	var origin []string // the field each id came from, for errors
	for i, id := range in.ProviderIDs {
		ids = append(ids, strings.TrimSpace(id))
		origin = append(origin, fmt.Sprintf("provider_ids.%d", i))
	}
	if in.Targets != nil {
		lines := strings.Split(*in.Targets, "\n")
		n := 0
		for i, line := range lines {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			id, ok := parseTarget(line)
			if !ok {
				fields[fmt.Sprintf("targets.%d", i)] = []string{"is not a LinkedIn profile URL or public identifier"}
				continue
			}
			n++
			ids = append(ids, id)
			origin = append(origin, fmt.Sprintf("targets.%d", i))
		}
		if n == 0 && len(in.ProviderIDs) == 0 && len(fields) == 0 {
			fields["targets"] = []string{"contains no profile URL or public identifier"}
		}
	}
	var out []target
	seen := map[*person]bool{}
	for i, id := range ids {
		p := w.resolve(id)
		if p == nil {
			fields[origin[i]] = []string{"is not a LinkedIn member id or public identifier"}
			continue
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, target{person: p, given: id})
		}
	}
	if len(out) > maxCampaignPeople {
		fields["body"] = append(fields["body"], fmt.Sprintf("a campaign takes at most %d people; %d were given", maxCampaignPeople, len(out)))
	}
	if len(fields) > 0 {
		return nil, sim.Invalid(fields)
	}
	return out, nil
}
