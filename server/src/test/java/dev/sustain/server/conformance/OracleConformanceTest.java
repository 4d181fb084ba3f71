package dev.sustain.server.conformance;

/** The conformance cases against the in-memory oracle. */
class OracleConformanceTest extends ConformanceContract {
  private final OracleDriver driver = new OracleDriver();

  @Override
  protected ProtocolDriver driver() {
    return driver;
  }
}
