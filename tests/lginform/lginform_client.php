<?php
// A council script as it calls LG Inform Plus, pointed at lgbench: only the
// base URL and the metric id differ. Signs the URL (ApplicationKey, then
// Signature = base64 HMAC-SHA1 of the URL-decoded URL keyed with the secret)
// and prints one "code,label,value" line per area of the JSON answer.
// Usage: php lginform_client.php BASE_URL KEY_ID SECRET METRIC AREA
if ($argc != 6) {
    fwrite(STDERR, "usage: php lginform_client.php BASE_URL KEY_ID SECRET METRIC AREA\n");
    exit(2);
}
[$script, $base, $key, $secret, $metric, $area] = $argv;

$url = $base . "/lginform/data?metricType=" . urlencode($metric)
     . "&area=" . urlencode($area)
     . "&period=latest&columnGrouping=metricType&columnGrouping=period&rowGrouping=area"
     . "&value.valueType=raw&outputType=table&headerCellType=label"
     . "&ApplicationKey=" . urlencode($key);
$signature = base64_encode(hash_hmac("sha1", urldecode($url), $secret, true));
$url .= "&Signature=" . urlencode($signature);

$context = stream_context_create(["http" => ["ignore_errors" => true]]);
$body = file_get_contents($url, false, $context);
$status = intval(explode(" ", $http_response_header[0])[1]);
if ($status != 200) {
    fwrite(STDERR, "HTTP $status: $body\n");
    exit(1);
}
$data = json_decode($body, true);
foreach ($data["rows"] as $row) {
    $value = $row["values"][0]["value"];
    echo $row["area"]["identifier"], ",", $row["area"]["label"], ",",
         $value === null ? "" : $value, "\n";
}
