#!/usr/bin/env bash
# Prints a bearer token for the moderation API of a Comment Desk running in the embedded, dev or
# test profile, signed with the public throw-away development key (prod trusts no such key).
#
#   src/dev/token.sh moderator [name]     a moderator
#   src/dev/token.sh admin [name]         an admin (also a moderator)
#
# Needs openssl. Valid for 8 hours.
set -euo pipefail
role=${1:?usage: src/dev/token.sh moderator|admin [name]}
name=${2:-$role-dev}
case "$role" in
  moderator) groups='["moderator"]' ;;
  admin) groups='["admin","moderator"]' ;;
  *) echo "role must be moderator or admin" >&2; exit 2 ;;
esac
key="$(dirname "$0")/../main/resources/dev-jwt/privateKey.pem"
now=$(date +%s)
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"https://comment-desk.dev/embedded","sub":"%s","preferred_username":"%s","groups":%s,"iat":%d,"exp":%d}' \
  "$name" "$name" "$groups" "$now" $((now + 8 * 3600)) | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
