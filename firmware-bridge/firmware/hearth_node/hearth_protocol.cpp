#include "hearth_protocol.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

namespace hearth {

uint16_t crc16(const char* data, size_t length) {
  uint16_t crc = 0xFFFF;
  for (size_t i = 0; i < length; i++) {
    crc ^= static_cast<uint16_t>(static_cast<uint8_t>(data[i])) << 8;
    for (uint8_t bit = 0; bit < 8; bit++) crc = (crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1;
  }
  return crc;
}

namespace {

// The value after "key": in a flat JSON object, or null. The bridge's frames are flat objects
// whose string values never contain a quote, so a plain search is enough.
const char* find_value(const char* json, const char* key) {
  char pattern[16];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char* found = strstr(json, pattern);
  return found ? found + strlen(pattern) : nullptr;
}

bool read_string(const char* json, const char* key, char* out, size_t size) {
  const char* value = find_value(json, key);
  if (!value || *value != '"') return false;
  value++;
  size_t n = 0;
  while (*value && *value != '"' && n + 1 < size) out[n++] = *value++;
  out[n] = '\0';
  return *value == '"';
}

bool read_long(const char* json, const char* key, long* out) {
  const char* value = find_value(json, key);
  if (!value) return false;
  char* end;
  *out = strtol(value, &end, 10);
  return end != value;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

Link::Link(Write write, OnHello on_hello, OnCommand on_command, const char* name, const char* model,
           const char* sw, bool crc)
    : write_(write),
      on_hello_(on_hello),
      on_command_(on_command),
      name_(name),
      model_(model),
      sw_(sw),
      crc_(crc),
      in_length_(0),
      overflow_(false),
      bad_lines_(0),
      checked_lines_(0) {}

void Link::begin() { hello(); }

void Link::receive(uint8_t byte) {
  if (byte == '\n') {
    if (overflow_) {
      bad_lines_++;
      error("too_long", "line dropped");
    } else {
      in_[in_length_] = '\0';
      line();
    }
    in_length_ = 0;
    overflow_ = false;
    return;
  }
  if (in_length_ < kMaxLine) in_[in_length_++] = static_cast<char>(byte);
  else overflow_ = true;
}

void Link::line() {
  size_t length = in_length_;
  if (length > 0 && in_[length - 1] == '\r') in_[--length] = '\0';
  if (length == 0) return;
  // "}*XXXX": check the CRC of everything up to the brace, then drop the suffix.
  if (length >= 6 && in_[length - 5] == '*' && in_[length - 6] == '}') {
    uint16_t given = 0;
    for (size_t i = length - 4; i < length; i++) {
      int digit = hex_digit(in_[i]);
      if (digit < 0) {
        given = 0xFFFF;
        break;
      }
      given = (given << 4) | digit;
    }
    length -= 5;
    if (crc16(in_, length) != given) {
      bad_lines_++;
      error("bad_crc", "CRC mismatch");
      return;
    }
    in_[length] = '\0';
    checked_lines_++;
  }
  char type[8];
  if (in_[0] != '{' || !read_string(in_, "t", type, sizeof type)) {
    bad_lines_++;
    error("bad_frame", "no type");
    return;
  }
  if (strcmp(type, "hello") == 0) {
    hello();
    return;
  }
  long sequence = 0;
  if (!read_long(in_, "s", &sequence) || sequence < 1 || sequence > 65535) {
    bad_lines_++;
    error("bad_frame", "no sequence number");
    return;
  }
  if (strcmp(type, "ping") == 0) {
    char frame[32];
    int n = snprintf(frame, sizeof frame, "{\"t\":\"pong\",\"s\":%ld}", sequence);
    send(frame, n);
    return;
  }
  if (strcmp(type, "cmd") != 0) {
    error("bad_frame", "unknown type", sequence);
    return;
  }
  char key[33];
  const char* v = find_value(in_, "v");
  if (!read_string(in_, "e", key, sizeof key) || !v || (strncmp(v, "true", 4) != 0 && strncmp(v, "false", 5) != 0)) {
    error("bad_value", "cmd needs e and a boolean v", sequence);
    return;
  }
  long brightness = -1;
  read_long(in_, "bri", &brightness);
  if (!on_command_(*this, key, v[0] == 't', static_cast<int>(brightness))) {
    error("unknown_entity", key, sequence);
    return;
  }
  char ack[32];
  int n = snprintf(ack, sizeof ack, "{\"t\":\"ack\",\"s\":%ld}", sequence);
  send(ack, n);
}

void Link::hello() {
  char frame[kMaxLine];
  int n = snprintf(frame, sizeof frame,
                   "{\"t\":\"hello\",\"proto\":1,\"name\":\"%s\",\"model\":\"%s\",\"sw\":\"%s\"%s}", name_,
                   model_, sw_, crc_ ? ",\"crc\":true" : "");
  send(frame, n);
  on_hello_(*this);
}

void Link::entity(const char* key, const char* component, const char* name, const char* extra) {
  char frame[kMaxLine];
  int n = snprintf(frame, sizeof frame, "{\"t\":\"ent\",\"e\":\"%s\",\"c\":\"%s\",\"n\":\"%s\"%s}", key,
                   component, name, extra);
  send(frame, n);
}

void Link::state(const char* key, bool on) {
  char frame[kMaxLine];
  int n = snprintf(frame, sizeof frame, "{\"t\":\"st\",\"e\":\"%s\",\"v\":%s}", key, on ? "true" : "false");
  send(frame, n);
}

void Link::state(const char* key, float value, uint8_t decimals) {
  // AVR's printf has no %f: print the scaled integer and put the point in by hand.
  long scale = 1;
  for (uint8_t i = 0; i < decimals; i++) scale *= 10;
  long scaled = static_cast<long>(value * scale + (value < 0 ? -0.5f : 0.5f));
  const char* sign = scaled < 0 ? "-" : "";
  unsigned long magnitude = static_cast<unsigned long>(scaled < 0 ? -scaled : scaled);
  char frame[kMaxLine];
  int n;
  if (decimals == 0) {
    n = snprintf(frame, sizeof frame, "{\"t\":\"st\",\"e\":\"%s\",\"v\":%s%lu}", key, sign, magnitude);
  } else {
    n = snprintf(frame, sizeof frame, "{\"t\":\"st\",\"e\":\"%s\",\"v\":%s%lu.%0*lu}", key, sign,
                 magnitude / scale, static_cast<int>(decimals), magnitude % scale);
  }
  send(frame, n);
}

void Link::error(const char* code, const char* message, long sequence) {
  char frame[kMaxLine];
  int n = sequence > 0 ? snprintf(frame, sizeof frame, "{\"t\":\"err\",\"s\":%ld,\"code\":\"%s\",\"msg\":\"%s\"}",
                                  sequence, code, message)
                       : snprintf(frame, sizeof frame, "{\"t\":\"err\",\"code\":\"%s\",\"msg\":\"%s\"}", code, message);
  send(frame, n);
}

void Link::send(const char* json, size_t length) {
  if (length >= kMaxLine) return;  // snprintf truncated it: better nothing than half a frame
  write_(json, length);
  if (crc_) {
    char suffix[6];
    snprintf(suffix, sizeof suffix, "*%04X", crc16(json, length));
    write_(suffix, 5);
  }
  write_("\n", 1);
}

}  // namespace hearth
