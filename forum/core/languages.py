"""Which languages posts are written in and which time zones members may choose: plain tables,
shared by the forms, the services that validate a choice, and the locale selection."""
import zoneinfo

import pytz

# Languages members write their posts in (the EU's plus a few neighbours), by endonym.
POST_LANGUAGES = (
    ("bg", "български"), ("cs", "čeština"), ("da", "dansk"), ("de", "Deutsch"), ("el", "Ελληνικά"),
    ("en", "English"), ("es", "español"), ("et", "eesti"), ("fi", "suomi"), ("fr", "français"),
    ("ga", "Gaeilge"), ("hr", "hrvatski"), ("hu", "magyar"), ("it", "italiano"), ("lt", "lietuvių"),
    ("lv", "latviešu"), ("mt", "Malti"), ("nl", "Nederlands"), ("no", "norsk"), ("pl", "polski"),
    ("pt", "português"), ("ro", "română"), ("ru", "русский"), ("sk", "slovenčina"),
    ("sl", "slovenščina"), ("sv", "svenska"),
)
POST_LANGUAGE_CODES = frozenset(code for code, _name in POST_LANGUAGES)
LANGUAGE_NAMES = dict(POST_LANGUAGES)
# Interface languages by endonym, for the language menu and the settings (config LANGUAGES).
INTERFACE_LANGUAGES = tuple((code, name) for code, name in POST_LANGUAGES
                            if code not in ("no", "ru"))

_REGIONS = ("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia",
            "Europe", "Indian", "Pacific")


def _sensible_timezones():
    """Canonical region/city zones known to both zoneinfo and pytz (Flask-Babel formats with pytz),
    without aliases such as `US/Eastern`, `Etc/GMT+3` or `posixrules`."""
    known = zoneinfo.available_timezones() & pytz.common_timezones_set
    zones = {zone for zone in known if zone.split("/", 1)[0] in _REGIONS and "/" in zone}
    return ("UTC",) + tuple(sorted(zones))


TIMEZONES = _sensible_timezones()
TIMEZONE_SET = frozenset(TIMEZONES)
DEFAULT_TIMEZONE = "Europe/Brussels"


def timezone_groups():
    """(zone, city label, region) triples for a grouped select."""
    for zone in TIMEZONES:
        region, _sep, city = zone.partition("/")
        yield zone, (city or region).replace("_", " ").replace("/", " / "), region if city else ""
