package dev.sustain.server.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PollEndpointTest {

  @Test
  void segmentsArePercentDecodedAsUtf8AndPlusStaysAPlus() {
    assertEquals("default", PollEndpoint.decodeSegment("default"));
    assertEquals("w/1 a+b", PollEndpoint.decodeSegment("w%2F1%20a+b"));
    assertEquals("grüße", PollEndpoint.decodeSegment("gr%C3%BC%C3%9Fe"));
    assertEquals("𝄞x", PollEndpoint.decodeSegment("𝄞%78"));
    assertEquals("%", PollEndpoint.decodeSegment("%25"));
  }

  @Test
  void malformedEncodingsAreRejected() {
    assertNull(PollEndpoint.decodeSegment("%zz"));
    assertNull(PollEndpoint.decodeSegment("abc%2"));
    assertNull(PollEndpoint.decodeSegment("%"));
    assertNull(PollEndpoint.decodeSegment("%C3"), "a truncated UTF-8 sequence");
    assertNull(PollEndpoint.decodeSegment("%FF"));
  }
}
