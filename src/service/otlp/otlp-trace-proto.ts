/**
 * The part of the OTLP trace protocol (opentelemetry-proto v1, Apache-2.0) Burnrate reads and answers, with
 * the official field numbers; protobufjs skips every field not listed here. The receiver decodes requests
 * at the wire level (proto-decoder.ts); decodeTraceRequest builds whole objects, for tests and tools only.
 */
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";
package opentelemetry.proto;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
  }
}
message KeyValue { string key = 1; AnyValue value = 2; }
message Resource { repeated KeyValue attributes = 1; }
message Status { string message = 2; int32 code = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  Status status = 15;
}
message ScopeSpans { repeated Span spans = 2; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
`;

const root = protobuf.parse(PROTO, { keepCase: false }).root;
const request = root.lookupType('opentelemetry.proto.ExportTraceServiceRequest');
const response = root.lookupType('opentelemetry.proto.ExportTraceServiceResponse');

/** Decodes a protobuf ExportTraceServiceRequest into the same shape OTLP/JSON uses (camelCase, string nanos). */
export function decodeTraceRequest(body: Uint8Array): unknown {
  return request.toObject(request.decode(body), { longs: String, defaults: false, bytes: String });
}

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** An ExportTraceServiceResponse: empty for full success. */
export function encodeTraceResponse(partialSuccess?: PartialSuccess): Uint8Array {
  return response.encode(response.fromObject(partialSuccess ? { partialSuccess } : {})).finish();
}

/** Reads an ExportTraceServiceResponse (for tests). */
export function decodeTraceResponse(body: Uint8Array): { partialSuccess?: { rejectedSpans?: string; errorMessage?: string } } {
  return response.toObject(response.decode(body), { longs: String, defaults: false });
}
