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
          "200": {"description": "The service is up", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}
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
    "/api/v1/data": {
      "get": {
        "summary": "Values of one metric exactly as published, by area and period",
        "operationId": "getData",
        "parameters": [
          {"name": "metric", "in": "query", "required": true, "schema": {"type": "string"}, "example": "claimant-count"},
          {"name": "area", "in": "query", "description": "Comma-separated GSS codes; all areas when absent", "schema": {"type": "string"}, "example": "E08000035"},
          {"name": "period", "in": "query", "description": "Period id, e.g. cy2023, fy2022-23, 2023-q1", "schema": {"type": "string"}},
          {"name": "history", "in": "query", "description": "Also return revisions superseded by later releases", "schema": {"type": "boolean", "default": false}},
          {"$ref": "#/components/parameters/format"}
        ],
        "responses": {
          "200": {"description": "Values ordered by period, area, release", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Data"}}, "text/csv": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/BadRequest"},
          "404": {"$ref": "#/components/responses/NotFound"}
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
      "format": {"name": "format", "in": "query", "description": "json (default) or csv (text/csv with a header row)", "schema": {"type": "string", "enum": ["json", "csv"], "default": "json"}}
    },
    "responses": {
      "BadRequest": {"description": "A parameter is missing or malformed", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
      "NotFound": {"description": "Unknown area, metric or release (restricted and draft metrics also answer 404)", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
    },
    "schemas": {
      "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}, "instance": {"type": "string"}, "code": {"type": "string", "enum": ["invalid-argument", "not-found", "conflict", "io", "internal"]}}},
      "Health": {"type": "object", "properties": {"status": {"type": "string"}, "version": {"type": "string"}, "values": {"type": "integer"}, "releases": {"type": "integer"}}},
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
      "ReleaseList": {"type": "object", "properties": {"count": {"type": "integer"}, "items": {"type": "array", "items": {"$ref": "#/components/schemas/Release"}}}}
    }
  }
})json";

std::string_view openapi_document_json() { return kDocument; }

}  // namespace lgb::api
