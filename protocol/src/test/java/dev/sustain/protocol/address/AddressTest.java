package dev.sustain.protocol.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sustain.protocol.address.PollAddress.Cast;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {
  private static Address parsed(String text) {
    return Address.parse(text).orElseThrow(() -> new AssertionError("expected valid: " + text));
  }

  @Test
  void pollAddressesOfTheSdkParse() {
    assertEquals(new PollAddress(Cast.ANY, "default", null), parsed("poll://any@default"));
    assertEquals(new PollAddress(Cast.ANY, "capw", "worker1"), parsed("poll://any@capw/worker1"));
    assertEquals(new PollAddress(Cast.UNI, "capc", "client1"), parsed("poll://uni@capc/client1"));
    assertEquals(new PollAddress(Cast.ANY, "accmx2v896yxe2z-errorretri-g1", "923425ed7b87404fa9c94c24e5c655c7"),
        parsed("poll://any@accmx2v896yxe2z-errorretri-g1/923425ed7b87404fa9c94c24e5c655c7"));
  }

  @Test
  void groupNamesMayContainUnderscores() {
    assertEquals(new PollAddress(Cast.ANY, "my_group", "pid_1"), parsed("poll://any@my_group/pid_1"));
    assertEquals(new HttpAddress("http://my_service:8080/hook"), parsed("http://my_service:8080/hook"));
  }

  @Test
  void uniWithoutIdIsValidAndAnEmptyIdIsNoId() {
    assertEquals(new PollAddress(Cast.UNI, "g", null), parsed("poll://uni@g"));
    assertEquals(new PollAddress(Cast.UNI, "g", null), parsed("poll://uni@g/"));
    assertEquals("poll://uni@g", parsed("poll://uni@g/").toString());
  }

  @Test
  void idIsEverythingAfterTheFirstSlash() {
    assertEquals(new PollAddress(Cast.ANY, "g", "a/b"), parsed("poll://any@g/a/b"));
  }

  @Test
  void canonicalFormRoundTrips() {
    for (String text : new String[] {"poll://any@default", "poll://uni@g/p1", "https://example.com/x?y=1"}) {
      assertEquals(text, parsed(text).toString());
      assertEquals(parsed(text), parsed(parsed(text).toString()));
    }
  }

  @Test
  void httpAddressesNeedAnAbsoluteUrlWithAHost() {
    assertEquals(new HttpAddress("http://localhost:8001"), parsed("http://localhost:8001"));
    assertEquals(new HttpAddress("https://fn.example.com/run?x=1"), parsed("https://fn.example.com/run?x=1"));
    assertEquals(new HttpAddress("HTTPS://EXAMPLE.COM"), parsed("HTTPS://EXAMPLE.COM"));
    assertEquals(new HttpAddress("http://[::1]:8080/"), parsed("http://[::1]:8080/"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", "default", "any@default", "poll://", "poll://any", "poll://any@", "poll://any@/id", "poll://@g",
      "poll://all@g", "poll://ANY@g", "poll://any@g@h", "poll://any@g /id", "poll://any@g/i\nd", "POLL://any@g",
      "http://", "http:///path", "http:/x", "http:x", "https://:80/", "ftp://example.com", "gcps://project/topic",
      "bash://", "bash://docker/ubuntu", "/relative/path", "http://exa mple.com", "http://host:port/"})
  void everythingElseIsRejected(String text) {
    assertEquals(Optional.empty(), Address.parse(text));
    assertFalse(Address.isValid(text));
  }

  @Test
  void nullIsNotAnAddress() {
    assertEquals(Optional.empty(), Address.parse(null));
  }

  @Test
  void pollAddressRecordRejectsAnInvalidGroup() {
    assertThrows(IllegalArgumentException.class, () -> new PollAddress(Cast.ANY, "", null));
    assertThrows(IllegalArgumentException.class, () -> new PollAddress(Cast.ANY, "a/b", null));
    assertEquals("poll://any@g", new PollAddress(Cast.ANY, "g", "").toString());
  }
}
