#include "api/openapi_document.h"

namespace lgb::api {

// Kept as JSON text (not built in code) so it reads like the document it is.
// info.version is replaced at start-up with the running binary's version.
static constexpr std::string_view kDocument = R"json({
  "openapi": "3.0.3",
  "info": {
    "title": "lgbench API",
    "version": "0",
    "description": "English local-government performance data exactly as published. Values carry the publisher's text byte for byte ('value') and a parsed number ('number'). Errors are RFC 9457 application/problem+json. Every list route also answers text/csv with ?format=csv.",
    "license": {"name": "OGL-UK-3.0 (data); see each release for its licence"}
  },
  "servers": [{"url": "/"}],
  "paths": {
    "/api/v1/health": {
      "get": {
        "summary": "Service status, version and number of stored values",
        "operationId": "getHealth",
        "responses": {
          "200": {"description": "The service is up (status ok or degraded)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}
        }
      }
    },
    "/api/v1/usage": {
      "get": {
        "summary": "Usage measures without cookies (administrators only)",
        "operationId": "getUsage",
        "description": "Registered users; percentage of councils with registered users and with a user signed in within 30 and 60 days; number of metrics; metrics updated per month. Needs an administrator's key (401 without one, 403 for other roles).",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {
          "200": {"description": "The measures", "content": {"application/json": {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}},
          "401": {"description": "No key or a bad one", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
          "403": {"description": "Not an administrator", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
        }
      }
    },
    "/api/v1/areas": {
      "get": {
        "summary": "Areas in the register, filtered by type, region, name, current",
        "operationId": "listAreas",
        "parameters": [
          {"name": "type", "in": "query", "schema": {"type": "string", "enum": ["country", "region", "county", "district", "unitary", "metropolitan-district", "london-borough", "combined-authority", "fire-authority", "other"]}},
          {"name": "region", "in": "query", "description": "Region GSS code, e.g. E12000003", "schema": {"type": "string", "pattern": "^[A-Z][0-9]{8}$"}},
          {"name": "q", "in": "query", "description": "Case-insensitive substring of the area name", "schema": {"type": "string"}},
          {"name": "current", "in": "query", "description": "true: areas still in existence; false: abolished areas; all (default): both", "schema": {"type": "string", "enum": ["true", "false", "all"], "default": "all"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Matching areas, sorted by code", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AreaList"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/v1/areas/{code}": {
      "get": {
        "summary": "One area with its region, parent and successors",
        "operationId": "getArea",
        "parameters": [
          {"name": "code", "in": "path", "required": true, "description": "GSS code, e.g. E08000035", "schema": {"type": "string", "pattern": "^[A-Z][0-9]{8}$"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The area", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AreaDetail"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/metrics": {
      "get": {
        "summary": "Public metrics, filtered by text and theme",
        "operationId": "listMetrics",
        "parameters": [
          {"name": "q", "in": "query", "description": "Case-insensitive substring of id, title or description", "schema": {"type": "string"}},
          {"name": "theme", "in": "query", "description": "Theme tag, e.g. economy", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Matching public metrics, sorted by id", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MetricList"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/v1/metrics/{id}": {
      "get": {
        "summary": "One metric with the periods that hold values",
        "operationId": "getMetric",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The metric; CSV lists its periods", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MetricDetail"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/metrics/{id}/changes": {
      "get": {
        "summary": "What each release of one metric revised: old and new value by area and period",
        "description": "Every release holding values of the metric, oldest first, with how many values it holds, how many replaced an earlier value, and each revised value (another published text or status than the revision before it) with both revisions. CSV: one row per revised value.",
        "operationId": "getMetricChanges",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "area", "in": "query", "description": "Comma-separated GSS codes; all areas when absent", "schema": {"type": "string"}},
          {"name": "period", "in": "query", "description": "Period id, e.g. cy2023", "schema": {"type": "string"}},
          {"name": "release", "in": "query", "description": "Only this release", "schema": {"type": "integer", "minimum": 1}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The change log", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChangeLog"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/data": {
      "get": {
        "summary": "Values of one metric exactly as published, by area and period",
        "operationId": "getData",
        "parameters": [
          {"name": "metric", "in": "query", "required": true, "schema": {"type": "string"}, "example": "claimant-count"},
          {"name": "area", "in": "query", "description": "Comma-separated GSS codes; all areas when absent", "schema": {"type": "string"}, "example": "E08000035"},
          {"name": "period", "in": "query", "description": "Period id, e.g. cy2023, fy2022-23, 2023-q1", "schema": {"type": "string"}},
          {"name": "history", "in": "query", "description": "Also return revisions superseded by later releases", "schema": {"type": "boolean", "default": false}},
          {"name": "as_of", "in": "query", "description": "Values as they stood then: a release id (just after that release was loaded) or a date yyyy-mm-dd (every release published by then, or loaded by then when its publication date is unknown). 'current' then means current at that point; with history, the revisions that existed then", "schema": {"type": "string"}, "examples": {"release": {"value": "12"}, "date": {"value": "2024-03-31"}}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Values ordered by period, area, release", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Data"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/freshness": {
      "get": {
        "summary": "How soon after publication each metric was loaded, in working days",
        "description": "For each metric, its latest release: publication and load dates, days since publication, working days from publication to load (England and Wales bank holidays excluded) and whether that was within the target of 5; overall, the share of dated releases loaded within the target and the metrics updated in the last 30 days.",
        "operationId": "getFreshness",
        "parameters": [
          {"name": "as_of", "in": "query", "description": "The day to report for (yyyy-mm-dd); default today", "schema": {"type": "string", "format": "date"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The freshness report", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Freshness"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/v1/releases": {
      "get": {
        "summary": "Every loaded release with its provenance",
        "operationId": "listReleases",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {
          "200": {"description": "Releases, oldest first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReleaseList"}}, "text/csv": {"schema": {"type": "string"}}}}
        }
      }
    },
    "/api/v1/releases/{id}": {
      "get": {
        "summary": "One release: publisher, source, file, SHA-256, load time",
        "operationId": "getRelease",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The release", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Release"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/search": {
      "get": {
        "summary": "Councils (by name or GSS code, including abolished ones) and metrics (by title, theme, service, portfolio), best match first",
        "operationId": "search",
        "description": "What the web app's search-as-you-type asks. At least 2 characters; fewer give no items. Abolished councils say what replaced them in 'detail'. 'path' is the web page of the hit.",
        "parameters": [
          {"name": "q", "in": "query", "description": "Text to find", "schema": {"type": "string"}},
          {"name": "limit", "in": "query", "description": "Most items to return", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Hits, best first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"}
        }
      }
    },
    "/api/v1/compare": {
      "get": {
        "summary": "One area against a comparator group on one metric: statistics, position, trend",
        "operationId": "compare",
        "description": "Group statistics (count, missing, withheld, min, max, mean, median, quartiles, deciles), the area's polarity-aware rank, percentile, quartile band and robust z-score, direction of travel against the previous period, and every member's value and rank. Methods: docs/methods.md. CSV: one row per group member.",
        "parameters": [
          {"$ref": "#/components/parameters/metric"},
          {"$ref": "#/components/parameters/area"},
          {"$ref": "#/components/parameters/group"},
          {"$ref": "#/components/parameters/period"},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The comparison", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Comparison"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/rank": {
      "get": {
        "summary": "The top and bottom N areas of a group on one metric",
        "operationId": "rank",
        "parameters": [
          {"$ref": "#/components/parameters/metric"},
          {"$ref": "#/components/parameters/group"},
          {"$ref": "#/components/parameters/period"},
          {"name": "top", "in": "query", "description": "How many at each end", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 10}},
          {"name": "area", "in": "query", "description": "Focus area, needed for groups relative to one (type, region, neighbours, ons-*)", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Best first (top) and worst first (bottom); ties share a rank", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ranking"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/outliers": {
      "get": {
        "summary": "Metrics where an area stands out from its comparators, most extreme first, explained",
        "operationId": "outliers",
        "parameters": [
          {"name": "area", "in": "query", "required": true, "schema": {"type": "string"}, "example": "E08000035"},
          {"$ref": "#/components/parameters/group"},
          {"name": "theme", "in": "query", "description": "Only metrics with this theme tag", "schema": {"type": "string"}},
          {"name": "service", "in": "query", "description": "Only metrics with this service tag", "schema": {"type": "string"}},
          {"name": "directorate", "in": "query", "description": "Only metrics with this directorate tag", "schema": {"type": "string"}},
          {"name": "portfolio", "in": "query", "description": "Only metrics with this member portfolio tag", "schema": {"type": "string"}},
          {"name": "period", "in": "query", "description": "Period id; default each metric's latest", "schema": {"type": "string"}},
          {"name": "threshold", "in": "query", "description": "List metrics with |robust z| at least this", "schema": {"type": "number", "minimum": 0, "default": 2.0}},
          {"name": "top", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The flagged metrics (|z| descending, then id), with the total flagged", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/OutlierScan"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/carbon/factor-years": {
      "get": {
        "summary": "The GHG conversion factor years loaded, with their provenance",
        "operationId": "listCarbonFactorYears",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {
          "200": {"description": "Each year: publisher, source, file, SHA-256, licence, rows", "content": {"application/json": {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/carbon/factors": {
      "get": {
        "summary": "GHG conversion factors of one year, each value as published",
        "operationId": "listCarbonFactors",
        "parameters": [
          {"name": "year", "in": "query", "description": "Factor year (default: the latest loaded)", "schema": {"type": "integer"}},
          {"name": "search", "in": "query", "description": "Only factors whose levels or unit contain this text", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Factors by key and gas, kg CO2e per unit, with the text as published", "content": {"application/json": {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/carbon/templates/activity": {
      "get": {
        "summary": "The activity-data CSV template (fill in quantities, upload)",
        "operationId": "getCarbonActivityTemplate",
        "parameters": [],
        "responses": {"200": {"description": "CSV with a row per common factor", "content": {"text/csv": {"schema": {"type": "string"}}}}}
      }
    },
    "/api/v1/carbon/templates/waste": {
      "get": {
        "summary": "The waste tonnages CSV template for a factor year's streams",
        "operationId": "getCarbonWasteTemplate",
        "parameters": [{"name": "year", "in": "query", "description": "Factor year (default: the latest loaded)", "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "CSV with a row per waste stream", "content": {"text/csv": {"schema": {"type": "string"}}}}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/carbon/{organisation}/years": {
      "get": {
        "summary": "A council's carbon years (signed in: the council, or a data manager)",
        "operationId": "listCarbonYears",
        "parameters": [{"name": "organisation", "in": "path", "required": true, "description": "The council: its organisation id (GSS code)", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "The years, with their factor year and publication", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/carbon/{organisation}/years/{period}": {
      "get": {
        "summary": "A council's footprint and waste emissions for one financial year",
        "operationId": "getCarbonYear",
        "description": "JSON: footprint by scope, category and gas (location-based; market-based beside it when recorded), every line with its factor as published, waste by stream and route, the trajectory against the target. CSV: table=summary (default) or table=lines; every row carries the factor year and its source.",
        "parameters": [{"name": "organisation", "in": "path", "required": true, "description": "The council: its organisation id (GSS code)", "schema": {"type": "string"}}, {"name": "period", "in": "path", "required": true, "description": "A financial year, e.g. fy2022-23", "schema": {"type": "string"}}, {"name": "table", "in": "query", "description": "CSV only: summary or lines", "schema": {"type": "string", "enum": ["summary", "lines"]}}, {"$ref": "#/components/parameters/format"}],
        "responses": {"200": {"description": "The year's results", "content": {"application/json": {"schema": {"type": "object"}}, "text/csv": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      },
      "put": {
        "summary": "Enter or replace a council's year of activity and waste data (analyst key)",
        "operationId": "putCarbonYear",
        "description": "Body: {factor_year?, net_revenue_expenditure?, scope_sheet?, activity: [{category, description, level_1..level_4, column_text, unit, quantity, market_factor?, source_note, evidence_url}], waste: [{stream, route, tonnes}]}. Every line is checked; nothing is saved on any error.",
        "parameters": [{"name": "organisation", "in": "path", "required": true, "description": "The council: its organisation id (GSS code)", "schema": {"type": "string"}}, {"name": "period", "in": "path", "required": true, "description": "A financial year, e.g. fy2022-23", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": {"description": "Saved; the year's results", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/carbon/{organisation}/years/{period}/publish": {
      "post": {
        "summary": "Publish a council's year as metrics (analyst key)",
        "operationId": "publishCarbonYear",
        "parameters": [{"name": "organisation", "in": "path", "required": true, "description": "The council: its organisation id (GSS code)", "schema": {"type": "string"}}, {"name": "period", "in": "path", "required": true, "description": "A financial year, e.g. fy2022-23", "schema": {"type": "string"}}],
        "responses": {"201": {"description": "Published; Location names the release", "content": {"application/json": {"schema": {"type": "object"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "409": {"$ref": "#/components/responses/Conflict"}}
      }
    },
    "/api/v1/carbon/{organisation}/target": {
      "get": {
        "summary": "A council's baseline and reduction target",
        "operationId": "getCarbonTarget",
        "parameters": [{"name": "organisation", "in": "path", "required": true, "description": "The council: its organisation id (GSS code)", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "baseline_period, annual_reduction_percent, net_zero_year", "content": {"application/json": {"schema": {"type": "object"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
      },
      "put": {
        "summary": "Set a council's baseline and reduction target (analyst key)",
        "operationId": "putCarbonTarget",
        "parameters": [{"name": "organisation", "in": "path", "required": true, "description": "The council: its organisation id (GSS code)", "schema": {"type": "string"}}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"204": {"description": "Saved"}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}}
      }
    },
    "/api/v1/groups": {
      "get": {
        "summary": "Comparator groups: the built-in kinds and the custom groups",
        "operationId": "listGroups",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {
          "200": {"description": "Built-in kinds and custom groups", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GroupList"}}, "text/csv": {"schema": {"type": "string"}}}}
        }
      },
      "post": {
        "summary": "Create a custom comparator group",
        "operationId": "createGroup",
        "description": "Only when the server was started with --allow-writes; otherwise 403.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GroupInput"}}}},
        "responses": {
          "201": {"description": "Created; Location names the group", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Group"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "409": {"$ref": "#/components/responses/Conflict"}
        }
      }
    },
    "/api/v1/groups/{id}": {
      "get": {
        "summary": "One custom group and its member areas",
        "operationId": "getGroup",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "The group", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Group"}}, "text/csv": {"schema": {"type": "string"}}}},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      },
      "delete": {
        "summary": "Delete a custom group",
        "operationId": "deleteGroup",
        "description": "Only when the server was started with --allow-writes; otherwise 403.",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "204": {"description": "Deleted"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/neighbours/{code}": {
      "get": {
        "summary": "An area's nearest neighbours with distances and what drives them",
        "operationId": "getNeighbours",
        "parameters": [
          {"name": "code", "in": "path", "required": true, "description": "GSS code of a current English council", "schema": {"type": "string"}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Nearest first, each with its distance and per-feature contributions (largest first); the features used by the tier set", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Neighbours"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
        }
      }
    },
    "/api/v1/ratios": {
      "get": {
        "summary": "Derived ratio metrics (numerator / denominator x scale)",
        "operationId": "listRatios",
        "parameters": [{"$ref": "#/components/parameters/format"}],
        "responses": {
          "200": {"description": "Stored ratio definitions", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RatioList"}}, "text/csv": {"schema": {"type": "string"}}}}
        }
      },
      "post": {
        "summary": "Define a derived ratio metric",
        "operationId": "createRatio",
        "description": "Only when the server was started with --allow-writes; otherwise 403. The new id can then be used as a metric in compare, rank and outliers.",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ratio"}}}},
        "responses": {
          "201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ratio"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "403": {"$ref": "#/components/responses/Forbidden"},
          "409": {"$ref": "#/components/responses/Conflict"}
        }
      }
    },
    "/api/v1/openapi.json": {
      "get": {
        "summary": "This document",
        "operationId": "getOpenApi",
        "responses": {"200": {"description": "OpenAPI 3.0 document", "content": {"application/json": {"schema": {"type": "object"}}}}}
      }
    }
  },
  "components": {
    "parameters": {
      "metric": {"name": "metric", "in": "query", "required": true, "description": "Metric id (or a derived ratio's id)", "schema": {"type": "string"}, "example": "claimant-count"},
      "area": {"name": "area", "in": "query", "required": true, "description": "GSS code of the focus area", "schema": {"type": "string"}, "example": "E08000035"},
      "group": {"name": "group", "in": "query", "description": "england (default), type, region, neighbours, ons-global, ons-economic, ons-demographic, type:<area type>, region:<E12 code>, or a custom group id (custom:<id> also works)", "schema": {"type": "string", "default": "england"}},
      "period": {"name": "period", "in": "query", "description": "Period id; default the metric's latest", "schema": {"type": "string"}},
      "format": {"name": "format", "in": "query", "description": "json (default) or csv (text/csv with a header row)", "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}}
    },
    "responses": {
      "BadRequest": {"description": "A parameter is missing or malformed", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "Forbidden": {"description": "Writes are disabled on this server (start it with --allow-writes)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "Unauthorized": {"description": "Not signed in, or the credentials are not valid", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "Conflict": {"description": "The id is already used", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "NotFound": {"description": "Unknown area, metric or release (restricted and draft metrics also answer 404)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "SearchResult": {"type": "object", "properties": {"query": {"type": "string"}, "total": {"type": "integer", "description": "Hits before the limit"}, "count": {"type": "integer"}, "items": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string", "enum": ["area", "metric"]}, "id": {"type": "string"}, "label": {"type": "string"}, "detail": {"type": "string"}, "path": {"type": "string"}, "current": {"type": "boolean"}}}}}},
      "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}, "instance": {"type": "string"}, "code": {"type": "string", "enum": ["invalid-argument", "unauthenticated", "forbidden", "not-found", "conflict", "too-many-requests", "io", "internal"]}}},
      "Freshness": {"type": "object", "properties": {"as_of": {"type": "string", "format": "date"}, "target_working_days": {"type": "integer"}, "metric_count": {"type": "integer"}, "metrics_updated_last_30_days": {"type": "integer"}, "releases": {"type": "integer"}, "releases_dated": {"type": "integer"}, "releases_within_target": {"type": "integer"}, "share_within_target": {"type": ["number", "null"]}, "calendar": {"type": "object"}, "warnings": {"type": "array", "items": {"type": "string"}}, "metrics": {"type": "array", "items": {"type": "object", "properties": {"metric_id": {"type": "string"}, "release_id": {"type": "integer"}, "publisher": {"type": "string"}, "published_on": {"type": ["string", "null"]}, "loaded_on": {"type": "string"}, "days_since_publication": {"type": ["integer", "null"]}, "working_days_to_load": {"type": ["integer", "null"]}, "within_target": {"type": ["boolean", "null"]}}}}}},
      "Health": {"type": "object", "properties": {"status": {"type": "string", "enum": ["ok", "degraded"], "description": "degraded: the store could not be read at the last refresh; answers come from the last snapshot"}, "version": {"type": "string"}, "values": {"type": "integer"}, "releases": {"type": "integer"}, "store": {"type": "object", "properties": {"ok": {"type": "boolean"}, "last_refresh": {"type": "string", "format": "date-time", "description": "The last time the store was read successfully (or the server started)"}, "failing_since": {"type": "string", "format": "date-time"}, "failed_refreshes": {"type": "integer", "description": "Refreshes failed in a row"}, "last_error": {"type": "string"}}}}},
      "Area": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "region_code": {"type": "string", "nullable": true}, "parent_code": {"type": "string", "nullable": true}, "start_date": {"type": "string", "nullable": true}, "end_date": {"type": "string", "nullable": true}, "current": {"type": "boolean"}}},
      "AreaRef": {"type": "object", "nullable": true, "properties": {"code": {"type": "string"}, "name": {"type": "string", "nullable": true}}},
      "AreaDetail": {"allOf": [{"$ref": "#/components/schemas/Area"}, {"type": "object", "properties": {"region": {"$ref": "#/components/schemas/AreaRef"}, "parent": {"$ref": "#/components/schemas/AreaRef"}, "successors": {"type": "array", "items": {"$ref": "#/components/schemas/AreaRef"}}}}]},
      "AreaList": {"type": "object", "properties": {"count": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Area"}}}},
      "Metric": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"}, "unit": {"type": "string"}, "polarity": {"type": "string", "enum": ["higher-is-better", "lower-is-better", "neither"]}, "decimals": {"type": "integer"}, "themes": {"type": "array", "items": {"type": "string"}}, "services": {"type": "array", "items": {"type": "string"}}, "directorates": {"type": "array", "items": {"type": "string"}}, "portfolios": {"type": "array", "items": {"type": "string"}}, "publisher": {"type": "string"}, "source_url": {"type": "string", "nullable": true}, "licence": {"type": "string"}, "visibility": {"type": "string"}}},
      "MetricDetail": {"allOf": [{"$ref": "#/components/schemas/Metric"}, {"type": "object", "properties": {"periods": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "label": {"type": "string"}}}}}}]},
      "MetricList": {"type": "object", "properties": {"count": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Metric"}}}},
      "Value": {"type": "object", "properties": {"area_code": {"type": "string"}, "area_name": {"type": "string", "nullable": true}, "period": {"type": "string"}, "period_label": {"type": "string"}, "value": {"type": "string", "description": "The published text, byte for byte"}, "number": {"type": "number", "nullable": true}, "status": {"type": "string", "nullable": true, "enum": ["suppressed", "not-available", "not-applicable", "low-reliability", "provisional", "revised", "estimate"]}, "marker": {"type": "string", "nullable": true, "description": "The status marker as published, e.g. x or [c]"}, "note": {"type": "string", "nullable": true}, "release": {"type": "integer"}, "current": {"type": "boolean"}}},
      "Data": {"type": "object", "properties": {"metric": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "unit": {"type": "string"}, "polarity": {"type": "string"}, "decimals": {"type": "integer"}}}, "count": {"type": "integer"}, "values": {"type": "array", "items": {"$ref": "#/components/schemas/Value"}}}},
      "Release": {"type": "object", "properties": {"id": {"type": "integer"}, "publisher": {"type": "string"}, "source_url": {"type": "string", "nullable": true}, "file_name": {"type": "string"}, "format": {"type": "string"}, "sha256": {"type": "string"}, "published_on": {"type": "string", "nullable": true}, "loaded_at": {"type": "string"}, "loaded_by": {"type": "string"}, "licence": {"type": "string"}, "rows": {"type": "integer"}}},
      "Revision": {"type": "object", "properties": {"value": {"type": "string", "description": "The published text, byte for byte"}, "number": {"type": "number", "nullable": true}, "status": {"type": "string", "nullable": true}, "marker": {"type": "string", "nullable": true}, "note": {"type": "string", "nullable": true}, "release": {"type": "integer"}}},
      "ChangeLog": {"type": "object", "properties": {"metric": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "unit": {"type": "string"}}}, "change_count": {"type": "integer"}, "releases": {"type": "array", "items": {"type": "object", "properties": {"release": {"$ref": "#/components/schemas/Release"}, "values": {"type": "integer"}, "superseded": {"type": "integer"}, "revised": {"type": "integer"}, "changes": {"type": "array", "items": {"type": "object", "properties": {"area_code": {"type": "string"}, "area_name": {"type": "string", "nullable": true}, "period": {"type": "string"}, "period_label": {"type": "string"}, "before": {"$ref": "#/components/schemas/Revision"}, "after": {"$ref": "#/components/schemas/Revision"}}}}}}}}},
      "ReleaseList": {"type": "object", "properties": {"count": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Release"}}}},
      "MetricRef": {"type": "object", "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "unit": {"type": "string"}, "polarity": {"type": "string"}, "decimals": {"type": "integer"}}},
      "PeriodRef": {"type": "object", "nullable": true, "properties": {"id": {"type": "string"}, "label": {"type": "string"}}},
      "Trend": {"type": "object", "properties": {"direction": {"type": "string", "enum": ["improving", "worsening", "no-change", "higher", "lower", "not-comparable"]}, "previous": {"type": "number", "nullable": true}, "change": {"type": "number", "nullable": true}, "pct_change": {"type": "number", "nullable": true}}},
      "Statistics": {"type": "object", "description": "Figures are null when no member has a number", "properties": {"members": {"type": "integer"}, "count": {"type": "integer"}, "missing": {"type": "integer"}, "withheld": {"type": "integer"}, "min": {"type": "number", "nullable": true}, "max": {"type": "number", "nullable": true}, "mean": {"type": "number", "nullable": true}, "median": {"type": "number", "nullable": true}, "q1": {"type": "number", "nullable": true}, "q3": {"type": "number", "nullable": true}, "deciles": {"type": "array", "nullable": true, "items": {"type": "number"}, "description": "10th to 90th percentiles (type 7)"}, "mad": {"type": "number", "nullable": true}, "mean_ad": {"type": "number", "nullable": true}}},
      "Position": {"type": "object", "nullable": true, "properties": {"rank": {"type": "integer"}, "of": {"type": "integer"}, "percentile": {"type": "number"}, "quartile_band": {"type": "integer", "minimum": 1, "maximum": 4}, "z": {"type": "number"}, "z_method": {"type": "string", "enum": ["mad", "mean-absolute-deviation", "constant"]}}},
      "GroupRef": {"type": "object", "properties": {"id": {"type": "string"}, "label": {"type": "string"}}},
      "Comparison": {"type": "object", "properties": {"metric": {"$ref": "#/components/schemas/MetricRef"}, "period": {"$ref": "#/components/schemas/PeriodRef"}, "previous_period": {"$ref": "#/components/schemas/PeriodRef"}, "area": {"$ref": "#/components/schemas/AreaRef"}, "group": {"$ref": "#/components/schemas/GroupRef"}, "value": {"type": "number", "nullable": true}, "state": {"type": "string", "enum": ["number", "withheld", "missing"]}, "marker": {"type": "string", "nullable": true}, "statistics": {"$ref": "#/components/schemas/Statistics"}, "position": {"$ref": "#/components/schemas/Position"}, "trend": {"$ref": "#/components/schemas/Trend"}, "members": {"type": "array", "items": {"type": "object", "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "value": {"type": "number", "nullable": true}, "state": {"type": "string"}, "marker": {"type": "string", "nullable": true}, "rank": {"type": "integer", "nullable": true}, "focus": {"type": "boolean"}}}}}},
      "RankedArea": {"type": "object", "properties": {"rank": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"}, "value": {"type": "number"}}},
      "Ranking": {"type": "object", "properties": {"metric": {"$ref": "#/components/schemas/MetricRef"}, "period": {"type": "string"}, "group": {"$ref": "#/components/schemas/GroupRef"}, "count": {"type": "integer"}, "missing": {"type": "integer"}, "withheld": {"type": "integer"}, "top": {"type": "array", "items": {"$ref": "#/components/schemas/RankedArea"}}, "bottom": {"type": "array", "items": {"$ref": "#/components/schemas/RankedArea"}}}},
      "OutlierItem": {"type": "object", "properties": {"position": {"type": "integer"}, "metric": {"$ref": "#/components/schemas/MetricRef"}, "period": {"$ref": "#/components/schemas/PeriodRef"}, "previous_period": {"$ref": "#/components/schemas/PeriodRef"}, "value": {"type": "number"}, "group_median": {"type": "number"}, "z": {"type": "number"}, "z_method": {"type": "string"}, "rank": {"type": "integer"}, "of": {"type": "integer"}, "above_median": {"type": "boolean"}, "assessment": {"type": "string", "enum": ["better", "worse", "different"]}, "trend": {"$ref": "#/components/schemas/Trend"}, "concern": {"type": "boolean", "description": "worse than comparators and worsening"}, "explanation": {"type": "string"}}},
      "OutlierScan": {"type": "object", "properties": {"area": {"$ref": "#/components/schemas/AreaRef"}, "group": {"$ref": "#/components/schemas/GroupRef"}, "threshold": {"type": "number"}, "metrics_considered": {"type": "integer"}, "metrics_compared": {"type": "integer"}, "flagged": {"type": "integer", "description": "How many metrics were beyond the threshold before the top-N cut"}, "count": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/OutlierItem"}}}},
      "Neighbours": {"type": "object", "properties": {"area": {"$ref": "#/components/schemas/AreaRef"}, "tier_set": {"type": "string"}, "k": {"type": "integer"}, "features": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "metric": {"type": "string"}, "denominator_metric": {"type": "string", "nullable": true}, "log": {"type": "boolean"}, "weight": {"type": "number"}, "used": {"type": "boolean"}, "observed": {"type": "integer"}, "imputed": {"type": "integer"}, "mean": {"type": "number"}, "sd": {"type": "number"}, "median": {"type": "number"}, "note": {"type": "string", "nullable": true}}}}, "count": {"type": "integer"}, "neighbours": {"type": "array", "items": {"type": "object", "properties": {"rank": {"type": "integer"}, "code": {"type": "string"}, "name": {"type": "string"}, "distance": {"type": "number"}, "contributions": {"type": "array", "items": {"type": "object", "properties": {"feature": {"type": "string"}, "contribution": {"type": "number"}, "focus_value": {"type": "number"}, "neighbour_value": {"type": "number"}, "focus_imputed": {"type": "boolean"}, "neighbour_imputed": {"type": "boolean"}}}}}}}}},
      "GroupInput": {"type": "object", "required": ["id", "name", "area_codes"], "properties": {"id": {"type": "string", "pattern": "^[a-z0-9-]{1,80}$"}, "name": {"type": "string"}, "area_codes": {"type": "array", "items": {"type": "string"}, "minItems": 1}}},
      "Group": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"}, "name": {"type": "string"}, "created_at": {"type": "string", "nullable": true}, "area_codes": {"type": "array", "items": {"type": "string"}}, "members": {"type": "array", "items": {"$ref": "#/components/schemas/AreaRef"}}}},
      "GroupList": {"type": "object", "properties": {"builtin": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "kind": {"type": "string"}, "description": {"type": "string"}}}}, "count": {"type": "integer"}, "custom": {"type": "array", "items": {"$ref": "#/components/schemas/Group"}}}},
      "Ratio": {"type": "object", "required": ["id", "numerator_metric", "denominator_metric"], "properties": {"id": {"type": "string", "pattern": "^[a-z0-9-]+$"}, "title": {"type": "string"}, "numerator_metric": {"type": "string"}, "denominator_metric": {"type": "string"}, "scale": {"type": "number", "default": 1}, "polarity": {"type": "string", "enum": ["higher-is-better", "lower-is-better", "neither"], "default": "neither"}, "unit": {"type": "string"}, "decimals": {"type": "integer", "minimum": 0, "maximum": 10, "default": 1}}},
      "RatioList": {"type": "object", "properties": {"count": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Ratio"}}}}

    }
  }
})json";

std::string_view openapi_document_json() { return kDocument; }

}  // namespace lgb::api
