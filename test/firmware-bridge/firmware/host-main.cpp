// The reference firmware's protocol code on the host: hearth_node.ino's relay and sensor, with
// stdin/stdout as the serial port (the test puts a pty in front) and stderr telling the test
// what the "pins" do.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../../../firmware-bridge/firmware/hearth_node/hearth_protocol.h"

static bool relay_on = false;
static float temperature = 21.5f;

static void write_out(const char* data, size_t length) {
  fwrite(data, 1, length, stdout);
  fflush(stdout);
}

static void on_hello(hearth::Link& link) {
  link.entity("relay", "switch", "Relay");
  link.entity("temperature", "sensor", "Temperature",
              ",\"dev_cla\":\"temperature\",\"unit_of_meas\":\"\xC2\xB0" "C\",\"stat_cla\":\"measurement\"");
  link.state("relay", relay_on);
  link.state("temperature", temperature, 1);
}

static bool on_command(hearth::Link& link, const char* key, bool on, int brightness) {
  (void)brightness;
  if (strcmp(key, "relay") != 0) return false;
  relay_on = on;
  fprintf(stderr, "relay pin = %d\n", on ? 1 : 0);
  link.state("relay", relay_on);
  return true;
}

int main() {
  hearth::Link link(write_out, on_hello, on_command, "Relay board", "host", "1.0.0", true);
  link.begin();
  unsigned char buffer[256];
  for (;;) {
    ssize_t n = read(0, buffer, sizeof buffer);
    if (n <= 0) return 0;
    for (ssize_t i = 0; i < n; i++) link.receive(buffer[i]);
    fprintf(stderr, "bad lines = %u, checked lines = %u\n", static_cast<unsigned>(link.bad_lines()),
            static_cast<unsigned>(link.checked_lines()));
  }
}
