import Testing
@testable import Database

@Suite struct PlaceholderTranslatorTests {
    @Test func numbersPlaceholdersInOrder() {
        let result = PlaceholderTranslator.toPostgres("SELECT * FROM t WHERE a = ? AND b IN (?, ?)")
        #expect(result == .init(sql: "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)", placeholderCount: 3))
    }

    @Test func skipsLiteralsIdentifiersAndComments() {
        let sql = "SELECT '?', 'it''s ?', \"col?\", E'\\'?', $$ ? $$, $tag$ ? $tag$ -- ?\n, ? /* ? */ , ?"
        let result = PlaceholderTranslator.toPostgres(sql)
        #expect(result.sql == "SELECT '?', 'it''s ?', \"col?\", E'\\'?', $$ ? $$, $tag$ ? $tag$ -- ?\n, $1 /* ? */ , $2")
        #expect(result.placeholderCount == 2)
    }
}
