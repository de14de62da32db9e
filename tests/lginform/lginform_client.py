#!/usr/bin/env python3
"""A council script as it calls LG Inform Plus, pointed at lgbench: only the
base URL and the metric id differ. Signs the URL (ApplicationKey, then
Signature = base64 HMAC-SHA1 of the URL-decoded URL keyed with the secret)
and prints one "code,label,value" line per area of the JSON answer.

Usage: python3 lginform_client.py BASE_URL KEY_ID SECRET METRIC AREA
"""
import base64
import hashlib
import hmac
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


def signed_url(base, key, secret, params):
    url = base + "/lginform/data?" + urllib.parse.urlencode(params + [("ApplicationKey", key)])
    digest = hmac.new(secret.encode(), urllib.parse.unquote_plus(url).encode(), hashlib.sha1)
    return url + "&Signature=" + urllib.parse.quote(base64.b64encode(digest.digest()).decode(), safe="")


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    base, key, secret, metric, area = sys.argv[1:]
    url = signed_url(base, key, secret, [
        ("metricType", metric), ("area", area), ("period", "latest"),
        ("columnGrouping", "metricType"), ("columnGrouping", "period"),
        ("rowGrouping", "area"), ("value.valueType", "raw"), ("outputType", "table"),
        ("headerCellType", "label")])
    try:
        with urllib.request.urlopen(url) as response:
            data = json.load(response)
    except urllib.error.HTTPError as e:
        print(f"HTTP {e.code}: {e.read().decode()}", file=sys.stderr)
        return 1
    for row in data["rows"]:
        value = row["values"][0]["value"]
        print(f'{row["area"]["identifier"]},{row["area"]["label"]},{"" if value is None else value}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
