import Equivalence
import RouterModel
import Testing

@Suite struct DirectedSuiteTests {
    static func run(_ config: RouterConfig, _ scenarios: [Scenario]) -> Coverage {
        var cov = Coverage(config: config)
        for s in scenarios {
            var router = Router(config: config)
            for c in s.commands { _ = cov.execute(c, on: &router) }
        }
        return cov
    }

    @Test func directedSuiteCoversTheSpecRules() {
        let config = RouterConfig.default
        let cov = DirectedSuiteTests.run(config, DirectedSuite.scenarios(config))
        print(CoverageReport.table(cov))
        #expect(cov.percent > 90)
    }
}
