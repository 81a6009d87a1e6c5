#include "ident_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "git_int.h"

/* ---- dates ---- */

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static bool valid_day(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

/* Exactly n digits (n > 0), or between 1 and -n digits when n is negative. */
static bool digits(const char **p, int n, int *out)
{
	int max = n < 0 ? -n : n, count = 0, value = 0;
	while (count < max && isdigit((unsigned char)(*p)[count]))
		value = value * 10 + ((*p)[count++] - '0');
	if (count == 0 || (n > 0 && count != n))
		return false;
	*p += count;
	*out = value;
	return true;
}

static void skip_spaces(const char **p)
{
	while (**p == ' ')
		(*p)++;
}

/* A zone: Z, UT, UTC, GMT, +hh, +hhmm or +hh:mm (or -). *given is false when there is none. */
static bool parse_zone(const char **p, int *offset, bool *given)
{
	*given = true;
	*offset = 0;
	const char *names[] = { "UTC", "GMT", "UT", "Z" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strncmp(*p, names[i], strlen(names[i])) == 0) {
			*p += strlen(names[i]);
			return true;
		}
	if (**p != '+' && **p != '-') {
		*given = false;
		return true;
	}
	int sign = *(*p)++ == '-' ? -1 : 1, hh, mm = 0;
	if (!digits(p, 2, &hh))
		return false;
	if (**p == ':')
		(*p)++;
	if (isdigit((unsigned char)**p) && !digits(p, 2, &mm))
		return false;
	if (hh > 23 || mm > 59)
		return false;
	*offset = sign * (hh * 60 + mm);
	return true;
}

struct civil {
	int year, month, day, hour, min, sec;
};

static bool valid_time(const struct civil *c)
{
	return valid_day(c->year, c->month, c->day) && c->hour < 24 && c->min < 60 && c->sec < 61;
}

/* HH:MM[:SS[.fraction]] */
static bool parse_clock(const char **p, struct civil *c)
{
	if (!digits(p, 2, &c->hour) || *(*p)++ != ':' || !digits(p, 2, &c->min))
		return false;
	c->sec = 0;
	if (**p == ':') {
		(*p)++;
		if (!digits(p, 2, &c->sec))
			return false;
		if (**p == '.' || **p == ',')
			for ((*p)++; isdigit((unsigned char)**p); (*p)++)
				;
	}
	return true;
}

/* Seconds since the epoch of a wall-clock time: at the zone when given, else local time. */
static bool to_epoch(const struct civil *c, bool zoned, int offset, int64_t *when, int *out_offset)
{
	if (!valid_time(c))
		return false;
	int64_t wall = days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
		       c->min * 60 + (c->sec > 59 ? 59 : c->sec);
	if (!zoned) {
		struct tm tm = { .tm_year = c->year - 1900, .tm_mon = c->month - 1,
			.tm_mday = c->day, .tm_hour = c->hour, .tm_min = c->min,
			.tm_sec = c->sec > 59 ? 59 : c->sec, .tm_isdst = -1 };
		time_t local = mktime(&tm);
		if (local == (time_t)-1)
			return false;
		offset = (int)((wall - (int64_t)local) / 60);
	}
	*when = wall - (int64_t)offset * 60;
	*out_offset = offset;
	return true;
}

static bool finish_zone(const char *p, const struct civil *c, int64_t *when, int *offset)
{
	int zone;
	bool given;
	skip_spaces(&p);
	if (!parse_zone(&p, &zone, &given))
		return false;
	skip_spaces(&p);
	return *p == '\0' && to_epoch(c, given, zone, when, offset);
}

/* The day of a date in one of the orders git takes: 2026-01-15 and 2026.01.15 (year first),
 * 01/15/2026 (month first) and 15.01.2026 (day first). */
static bool parse_numeric_day(const char **p, struct civil *c)
{
	const char *start = *p;
	if (digits(p, 4, &c->year)) {
		char sep = **p;
		return (sep == '-' || sep == '.') && *(*p)++ == sep && digits(p, 2, &c->month) &&
		       *(*p)++ == sep && digits(p, 2, &c->day);
	}
	*p = start;
	int first, second;
	if (!digits(p, 2, &first) || (**p != '/' && **p != '.'))
		return false;
	char sep = *(*p)++;
	if (!digits(p, 2, &second) || *(*p)++ != sep || !digits(p, 4, &c->year))
		return false;
	c->month = sep == '/' ? first : second;
	c->day = sep == '/' ? second : first;
	return true;
}

/* 2026-01-15T10:00:00+01:00, 2026-01-15 10:00 Z, 2026.01.15 10:00:00, ... */
static bool parse_iso(const char *p, int64_t *when, int *offset)
{
	struct civil c;
	if (!parse_numeric_day(&p, &c))
		return false;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return false;
	p++;
	return parse_clock(&p, &c) && finish_zone(p, &c, when, offset);
}

static int month_named(const char *p)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	for (int i = 0; i < 12; i++)
		if (strncasecmp(p, months + 3 * i, 3) == 0)
			return i + 1;
	return 0;
}

/* [Thu, ]15 Jan 2026 10:00[:00] +0100 */
static bool parse_rfc2822(const char *p, int64_t *when, int *offset)
{
	struct civil c;
	if (isalpha((unsigned char)p[0])) {
		if (!isalpha((unsigned char)p[1]) || !isalpha((unsigned char)p[2]) || p[3] != ',')
			return false;
		p += 4;
		skip_spaces(&p);
	}
	if (!digits(&p, -2, &c.day) || *p++ != ' ' || !(c.month = month_named(p)))
		return false;
	p += 3;
	if (*p++ != ' ' || !digits(&p, 4, &c.year) || *p++ != ' ')
		return false;
	return parse_clock(&p, &c) && finish_zone(p, &c, when, offset);
}

/* git's default form, as git log shows dates: Thu Jan 15 10:00:00 2026 +0100 */
static bool parse_git_default(const char *p, int64_t *when, int *offset)
{
	struct civil c;
	for (int i = 0; i < 3; i++)
		if (!isalpha((unsigned char)*p++))
			return false;
	if (*p++ != ' ' || !(c.month = month_named(p)))
		return false;
	p += 3;
	skip_spaces(&p);
	if (!digits(&p, -2, &c.day) || *p++ != ' ' || !parse_clock(&p, &c) || *p++ != ' ' ||
	    !digits(&p, 4, &c.year))
		return false;
	return finish_zone(p, &c, when, offset);
}

/* git's own form: @1700000000 [+0100], or 1700000000 +0100 (more than 8 digits). */
static bool parse_epoch(const char *p, int64_t *when, int *offset)
{
	bool at = *p == '@';
	p += at;
	const char *start = p;
	int64_t seconds = 0;
	for (; isdigit((unsigned char)*p); p++) {
		if (seconds > (INT64_MAX - 9) / 10)
			return false;
		seconds = seconds * 10 + (*p - '0');
	}
	size_t count = (size_t)(p - start);
	if (count == 0 || (!at && count <= 8))
		return false;
	int zone = 0;
	bool given = false;
	skip_spaces(&p);
	if (!parse_zone(&p, &zone, &given) || (!at && !given))
		return false;
	skip_spaces(&p);
	if (*p != '\0')
		return false;
	*when = seconds;
	*offset = zone;
	return true;
}

bool tip_git_date_parse(const char *text, int64_t *when, int *offset)
{
	skip_spaces(&text);
	return parse_epoch(text, when, offset) || parse_iso(text, when, offset) ||
	       parse_rfc2822(text, when, offset) || parse_git_default(text, when, offset);
}

/* ---- names ---- */

struct role {
	const char *env;  /* "AUTHOR" */
	const char *name; /* "author" */
};

static const char *env_value(const char *role, const char *what)
{
	char key[64];
	snprintf(key, sizeof(key), "GIT_%s_%s", role, what);
	const char *value = getenv(key);
	return value && *value ? value : NULL;
}

static const char *config_value(git_config *config, const char *role, const char *what)
{
	char key[64];
	const char *value = NULL;
	snprintf(key, sizeof(key), "%s.%s", role, what);
	if (git_config_get_string(&value, config, key) == 0 && *value)
		return value;
	snprintf(key, sizeof(key), "user.%s", what);
	if (git_config_get_string(&value, config, key) == 0 && *value)
		return value;
	return NULL;
}

static tip_error *no_identity(void)
{
	return tip_error_usage("no identity for commits: set it with git config user.name "
			       "\"Your Name\" and git config user.email you@example.org");
}

static tip_error *libgit2_error(const char *what, const char *detail)
{
	return tip_error_git("%s '%s' cannot be used: %s", what, detail, tip_git_last_message());
}

static tip_error *signature_for(git_signature **out, git_config *config, const struct role *r)
{
	const char *name = env_value(r->env, "NAME");
	const char *email = env_value(r->env, "EMAIL");
	if (!name)
		name = config_value(config, r->name, "name");
	if (!email)
		email = config_value(config, r->name, "email");
	if (!email && getenv("EMAIL") && *getenv("EMAIL"))
		email = getenv("EMAIL");
	if (!name || !email)
		return no_identity();
	const char *date = env_value(r->env, "DATE");
	if (!date)
		return git_signature_now(out, name, email) < 0 ?
			libgit2_error("the identity", name) : NULL;
	int64_t when;
	int offset;
	if (!tip_git_date_parse(date, &when, &offset))
		return tip_error_usage("GIT_%s_DATE '%s' is not a date: give it as "
				       "2026-01-15T10:00:00+01:00, \"Thu, 15 Jan 2026 10:00:00 "
				       "+0100\", \"Thu Jan 15 10:00:00 2026 +0100\" or @1768467600 "
				       "+0100",
			r->env, date);
	return git_signature_new(out, name, email, (git_time_t)when, offset) < 0 ?
		libgit2_error("the identity", name) : NULL;
}

tip_error *tip_ident_signatures(git_signature **author, git_signature **committer,
	git_repository *repo)
{
	static const struct role roles[] = { { "AUTHOR", "author" },
		{ "COMMITTER", "committer" } };
	*author = *committer = NULL;
	git_config *config = NULL, *live = NULL;
	int rc = repo ? git_repository_config_snapshot(&config, repo) : git_config_open_default(&live);
	if (rc == 0 && live)
		rc = git_config_snapshot(&config, live);
	git_config_free(live);
	if (rc < 0)
		return libgit2_error("the git configuration", repo ? git_repository_path(repo) : "~/.gitconfig");
	tip_error *err = signature_for(author, config, &roles[0]);
	if (!err)
		err = signature_for(committer, config, &roles[1]);
	git_config_free(config);
	if (err) {
		git_signature_free(*author);
		*author = NULL;
	}
	return err;
}
