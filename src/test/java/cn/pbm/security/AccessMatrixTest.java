package cn.pbm.security;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every operation of the contract, called without credentials and with a token for each role, answers what
 * {@code test-scenarios/security/access-matrix.yaml} says for the defaults (decision endpoints open).
 */
@QuarkusTest
class AccessMatrixTest {

    @Test
    void everyOperationHasARowAndEveryRowAnOperation() {
        AccessMatrix.assertRowsMatchOperations();
    }

    @Test
    void theContractDeclaresTheSecurityTheMatrixStates() {
        AccessMatrix.assertContractDeclaresTheMatrix();
    }

    @TestFactory
    Stream<DynamicTest> everyOperationAnswersEveryCallerAsTheMatrixSays() {
        return AccessMatrix.check("open");
    }
}
