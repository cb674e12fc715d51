// hearth reference firmware: a relay and a temperature sensor on an Arduino (Uno, Nano, Leonardo…),
// speaking hearth's JSON-lines protocol to `hearth bridge` over USB at 115200 baud.
//
// Wiring: a relay module's IN on pin 7 (5 V and GND to the module); a TMP36's middle leg on A0
// (outer legs to 5 V and GND). The protocol lives in hearth_protocol.cpp, which the test suite
// also compiles on the host.
#include "hearth_protocol.h"

const uint8_t RELAY_PIN = 7;
const uint8_t SENSOR_PIN = A0;
const unsigned long REPORT_MS = 10000;

bool relay_on = false;
float last_temperature = -1000;
unsigned long last_report = 0;

void write_serial(const char* data, size_t length) { Serial.write(data, length); }

float read_temperature() {
  // TMP36: 10 mV/°C with 500 mV at 0 °C, read against the 5 V reference.
  return (analogRead(SENSOR_PIN) * 5.0f / 1023.0f - 0.5f) * 100.0f;
}

void on_hello(hearth::Link& link) {
  link.entity("relay", "switch", "Relay");
  link.entity("temperature", "sensor", "Temperature",
              ",\"dev_cla\":\"temperature\",\"unit_of_meas\":\"\xC2\xB0" "C\",\"stat_cla\":\"measurement\"");
  link.state("relay", relay_on);
  link.state("temperature", read_temperature(), 1);
}

bool on_command(hearth::Link& link, const char* key, bool on, int brightness) {
  (void)brightness;
  if (strcmp(key, "relay") != 0) return false;
  relay_on = on;
  digitalWrite(RELAY_PIN, on ? HIGH : LOW);
  link.state("relay", relay_on);
  return true;
}

hearth::Link link(write_serial, on_hello, on_command, "Relay board", "Arduino", "1.0.0", true);

void setup() {
  pinMode(RELAY_PIN, OUTPUT);
  digitalWrite(RELAY_PIN, LOW);
  Serial.begin(115200);
  link.begin();
}

void loop() {
  while (Serial.available() > 0) link.receive(Serial.read());
  unsigned long now = millis();
  if (now - last_report >= REPORT_MS) {
    last_report = now;
    float temperature = read_temperature();
    // Report a change of 0.2 °C or more: the ADC's last bit flickers.
    if (temperature - last_temperature >= 0.2f || last_temperature - temperature >= 0.2f) {
      last_temperature = temperature;
      link.state("temperature", temperature, 1);
    }
  }
}
