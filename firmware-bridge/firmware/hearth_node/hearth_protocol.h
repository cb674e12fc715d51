// hearth's JSON-lines serial protocol, MCU side (firmware-bridge/PROTOCOL.md).
// Plain C++ with no Arduino headers and no heap, so the same file runs on an AVR and, in the
// test suite, on the host (compiled with g++ and driven through a pty).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace hearth {

// Longest line accepted or sent, '\n' excluded. The bridge's frames are far shorter; a longer
// line is dropped whole and answered with an error line.
const size_t kMaxLine = 160;

// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR ("123456789" -> 0x29B1).
uint16_t crc16(const char* data, size_t length);

class Link {
 public:
  typedef void (*Write)(const char* data, size_t length);
  // The bridge said hello: announce every entity (entity()) and report every state (state()).
  typedef void (*OnHello)(Link& link);
  // Set an entity; brightness is -1 when the command has none. Return false for an entity that
  // takes no command: the link answers with an error line. On true, report the new state.
  typedef bool (*OnCommand)(Link& link, const char* key, bool on, int brightness);

  Link(Write write, OnHello on_hello, OnCommand on_command, const char* name, const char* model,
       const char* sw, bool crc);

  // At boot: say hello unasked, as the bridge may be listening already.
  void begin();
  // Feed every byte read from the serial port.
  void receive(uint8_t byte);

  // `extra` is more JSON members, e.g. ",\"dev_cla\":\"temperature\",\"unit_of_meas\":\"°C\"".
  void entity(const char* key, const char* component, const char* name, const char* extra = "");
  void state(const char* key, bool on);
  void state(const char* key, float value, uint8_t decimals);
  void error(const char* code, const char* message, long sequence = 0);

  uint32_t bad_lines() const { return bad_lines_; }
  // Lines whose CRC was present and right.
  uint32_t checked_lines() const { return checked_lines_; }

 private:
  void line();
  void hello();
  void send(const char* json, size_t length);

  Write write_;
  OnHello on_hello_;
  OnCommand on_command_;
  const char* name_;
  const char* model_;
  const char* sw_;
  bool crc_;
  char in_[kMaxLine + 1];
  size_t in_length_;
  bool overflow_;
  uint32_t bad_lines_;
  uint32_t checked_lines_;
};

}  // namespace hearth
