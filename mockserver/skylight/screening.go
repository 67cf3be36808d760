package skylight

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/linkedin-mock/linkedin-mock/fixtures"
	"github.com/linkedin-mock/linkedin-mock/mockserver/sim"
)

// screening is an AI screening result.
type screening struct {
	score          int
	recommendation string
	reasons        []string
	at             time.Time
}

const screenModel = "gemini-1.5-pro"

func (s screening) view() screenView {
	return screenView{Score: s.score, Recommendation: s.recommendation, Reasons: append([]string(nil), s.reasons...),
		Model: screenModel, ScreenedAt: iso(s.at)}
}

// screen scores an applicant against the job, deterministically: the same
// job and applicant always get the same score and reasons. The score rises
// when the applicant's title shares a word with the job's and when they live
// where the job is; the rest is drawn from (seed, job, applicant).
func (w *world) screen(a *applicant, now time.Time) screening {
	j, p := a.job, a.person
	h := sim.Hash(w.seed, "skylight", "screen", j.key, p.ProviderID)
	years := 1 + int(h%9)
	titleMatch := sharesWord(j.Title+" "+j.TitleLatin, p.Title+" "+p.TitleLatin+" "+p.Headline)
	jobCity := cityOf(j.Location)
	sameCity := jobCity != "" && (strings.Contains(fold(p.Location), fold(jobCity)) || strings.EqualFold(p.CityLatin, jobCity))

	score := 30 + int((h>>8)%31) + min(years, 8)
	rs := w.loc.ScreenReasons
	var reasons []string
	if titleMatch {
		score += 25
		reasons = append(reasons, fixtures.Render(rs.TitleMatch, "title", p.Title))
	} else {
		reasons = append(reasons, fixtures.Render(rs.TitleMismatch, "title", p.Title))
	}
	reasons = append(reasons, fixtures.Render(rs.Experience, "years", fmt.Sprint(years)))
	if sameCity {
		score += 10
		reasons = append(reasons, fixtures.Render(rs.SameLocation, "city", p.City))
	} else {
		reasons = append(reasons, fixtures.Render(rs.OtherLocation, "job_city", jobCity))
	}
	reasons = append(reasons, fixtures.Render(rs.Company, "company", p.Company))
	score = min(score, 100)
	return screening{score: score, recommendation: recommend(score), reasons: reasons, at: now}
}

func recommend(score int) string {
	switch {
	case score >= 85:
		return "strong_yes"
	case score >= 70:
		return "yes"
	case score >= 50:
		return "maybe"
	}
	return "no"
}

// genericWords do not make two titles alike.
var genericWords = map[string]bool{
	"manager": true, "senior": true, "specialist": true, "lead": true, "head": true,
	"مدير": true, "مديره": true, "اول": true, "اخصائي": true, "اخصائيه": true,
}

// sharesWord reports whether two texts share a significant word.
func sharesWord(a, b string) bool {
	words := map[string]bool{}
	for _, w := range significantWords(a) {
		words[w] = true
	}
	for _, w := range significantWords(b) {
		if words[w] {
			return true
		}
	}
	return false
}

func significantWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len([]rune(w)) >= 3 && !genericWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// cityOf returns the city part of "Riyadh, Saudi Arabia" or "الرياض، السعودية".
func cityOf(location string) string {
	city, _, _ := strings.Cut(strings.ReplaceAll(location, "،", ","), ",")
	return strings.TrimSpace(city)
}
