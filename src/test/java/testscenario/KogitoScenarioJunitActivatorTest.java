package testscenario;

/**
 * Runs every KIE Test Scenario ({@code test-scenarios/<family>/*.scesim}) against the DMN tables; each
 * scenario row is one JUnit test. The build fails if this runs no scenario at all (see pom.xml).
 */
@org.junit.runner.RunWith(org.kogito.scenariosimulation.runner.KogitoJunitActivator.class)
public class KogitoScenarioJunitActivatorTest {
}
