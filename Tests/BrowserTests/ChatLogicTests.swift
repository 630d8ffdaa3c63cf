import TestSupport
import Testing
@testable import WSServer

/// The page's pure decisions (`chat-logic.js`, as embedded) run in node with
/// `assert`: the v2 client rules that need no server, tested without one.
/// Skipped without `node` unless `CHAT_SERVER_REQUIRE_BROWSER=1`.
@Suite("Chat page logic in node", .enabled(if: Node.shouldRun, "node is not installed"))
struct ChatLogicTests {
    /// Runs `assertions` after the logic script, in strict mode like the page.
    private func check(_ assertions: String, _ name: String = #function) throws {
        let source = "'use strict';\n" + PageFiles.chatLogicJS
            + "\nconst assert = require('node:assert/strict');\n" + assertions
        let outcome = try Node.evaluate(source, name: "chat-logic-test.js")
        #expect(outcome.succeeded, "\(name): \(outcome.output)")
    }

    @Test func tokenComesOutOfTheFragment() throws {
        try check("""
            assert.deepEqual(splitToken('#token=abc'), { token: 'abc', hash: '' });
            assert.deepEqual(splitToken('#room=x&token=a%2Bb.c'), { token: 'a+b.c', hash: '#room=x' });
            assert.deepEqual(splitToken(''), { token: null, hash: '' });
            assert.deepEqual(splitToken('#token='), { token: null, hash: '' });
            """)
    }

    @Test func socketAddressCarriesTheTokenInsteadOfTheName() throws {
        try check("""
            const page = { protocol: 'http:', host: '127.0.0.1:8765' };
            assert.equal(socketAddress(page, 'a+b', 'alice'), 'ws://127.0.0.1:8765/?token=a%2Bb');
            assert.equal(socketAddress(page, null, 'al ice'), 'ws://127.0.0.1:8765/?name=al%20ice');
            assert.equal(socketAddress({ protocol: 'https:', host: 'chat.example' }, null, ''), 'wss://chat.example/');
            """)
    }

    @Test func rejoinAsksForWhatFollowsInTheSameEpoch() throws {
        try check("""
            assert.deepEqual(joinRequest({ name: 'a', seen: false, lastSeq: 0, epoch: null }), { type: 'join', room: 'a' });
            assert.deepEqual(joinRequest({ name: 'a', seen: true, lastSeq: 7, epoch: 'e1' }),
              { type: 'join', room: 'a', since: 7, epoch: 'e1' });
            const v1 = joinRequest({ name: 'a', seen: true, lastSeq: 0, epoch: null });
            assert.deepEqual(v1, { type: 'join', room: 'a', since: 0 });
            assert.ok(!('epoch' in v1));
            """)
    }

    @Test func resumeOutcomeFromV2Fields() throws {
        try check("""
            assert.deepEqual(resumeOutcome(undefined, { seq: 3, history: [] }), { kind: 'fresh' });
            const replay = [{ seq: 6 }, { seq: 7 }];
            assert.deepEqual(resumeOutcome(5, { seq: 7, epoch: 'e', recovered: true, history: replay }), { kind: 'recovered', lost: 0 });
            assert.deepEqual(resumeOutcome(5, { seq: 2, epoch: 'f', recovered: false, history: [{ seq: 1 }] }), { kind: 'reset' });
            assert.deepEqual(resumeOutcome(5, { seq: 90, epoch: 'e', recovered: false, history: [{ seq: 50 }] }), { kind: 'reset' });
            assert.deepEqual(resumeOutcome(0, { seq: 0, epoch: 'g', recovered: false, history: [] }), { kind: 'recovered', lost: 0 });
            assert.deepEqual(resumeOutcome(0, { seq: 2, epoch: 'g', recovered: false, history: [{ seq: 1 }, { seq: 2 }] }),
              { kind: 'recovered', lost: 0 });
            assert.deepEqual(resumeOutcome(0, { seq: 150, epoch: 'g', recovered: false, history: [{ seq: 51 }] }),
              { kind: 'recovered', lost: 50 });
            """)
    }

    @Test func resumeOutcomeFromAV1Server() throws {
        try check("""
            assert.deepEqual(resumeOutcome(5, { seq: 2, history: [] }), { kind: 'forgotten' });
            assert.deepEqual(resumeOutcome(5, { seq: 7, history: [{ seq: 6 }, { seq: 7 }] }), { kind: 'recovered', lost: 0 });
            assert.deepEqual(resumeOutcome(5, { seq: 12, history: [{ seq: 9 }] }), { kind: 'recovered', lost: 3 });
            assert.deepEqual(resumeOutcome(5, { seq: 5, history: [] }), { kind: 'recovered', lost: 0 });
            assert.deepEqual(resumeOutcome(5, { seq: 9 }), { kind: 'recovered', lost: 4 });
            """)
    }

    @Test func listingsCutShortSayOfHowMany() throws {
        try check("""
            assert.equal(countLabel(3, {}), '3');
            assert.equal(countLabel(1000, { total: 1234, truncated: true }), '1000 of 1234');
            assert.equal(countLabel(1000, { total: 1234 }), '1000');
            assert.equal(countLabel(2, { total: 'many', truncated: true }), '2');
            assert.equal(countLabel(2, { total: 2, truncated: true }), '2');
            """)
    }

    @Test func roomListIsAskedForAtMostEveryThirtySecondsWhileShown() throws {
        try check("""
            assert.equal(roomListDue(1000, null, true), true);
            assert.equal(roomListDue(1000, null, false), false);
            assert.equal(roomListDue(30999, 1000, true), false);
            assert.equal(roomListDue(31000, 1000, true), true);
            assert.equal(roomListDue(99000, 1000, false), false);
            """)
    }

    @Test func roomListKeepsTheCountsThePageLearns() throws {
        try check("""
            const listing = { rooms: [{ room: 'b', members: 5 }, { room: 'a', members: 1 }] };
            assert.deepEqual(patchedRooms(listing, 'a', 2).rooms, [{ room: 'b', members: 5 }, { room: 'a', members: 2 }]);
            assert.deepEqual(patchedRooms(listing, 'b', 0).rooms, [{ room: 'a', members: 1 }]);
            assert.deepEqual(patchedRooms(listing, 'c', 1).rooms.map((entry) => entry.room), ['b', 'a', 'c']);
            assert.equal(patchedRooms(listing, 'c', 0).rooms.length, 2);
            const cut = { rooms: listing.rooms, total: 3000, truncated: true };
            assert.deepEqual(patchedRooms(cut, 'c', 1), cut);
            assert.equal(listing.rooms[1].members, 1);
            """)
    }

    @Test func policyClosesAreShownPlainlyAndNotRetried() throws {
        try check("""
            assert.deepEqual(closeVerdict(1008, 'token expired'),
              { why: 'your sign-in token expired', retry: false, forgetToken: true });
            assert.deepEqual(closeVerdict(1008, 'disconnected by server'),
              { why: 'the server disconnected you', retry: false, forgetToken: false });
            assert.equal(closeVerdict(1008, 'origin not allowed').why, 'this page\\'s origin is not allowed to connect');
            assert.equal(closeVerdict(1008, 'some new reason').why, 'some new reason');
            assert.equal(closeVerdict(1008, '').retry, false);
            assert.deepEqual(closeVerdict(1001, 'server shutting down'),
              { why: '1001 server shutting down', retry: true, forgetToken: false });
            assert.deepEqual(closeVerdict(1006, ''), { why: 'no connection', retry: true, forgetToken: false });
            """)
    }

    @Test func undeliveredTextGoesBackAsTyped() throws {
        try check("""
            assert.equal(unsentText({ type: 'message', room: 'a', text: 'hi' }, 'unavailable'), 'hi');
            assert.equal(unsentText({ type: 'message', room: 'a', text: '/not a command' }, 'unavailable'), '//not a command');
            assert.equal(unsentText({ type: 'broadcast', text: 'all of you' }, 'rate_limited'), '/all all of you');
            assert.equal(unsentText({ type: 'message', room: 'a', text: 'hi' }, 'not_member'), null);
            assert.equal(unsentText({ type: 'join', room: 'a' }, 'unavailable'), null);
            assert.equal(unsentText(undefined, 'unavailable'), null);
            """)
    }

    @Test func backoffIsFullJitterUpToThirtySeconds() throws {
        try check("""
            assert.equal(backoffDelay(0, 0.5), 250);
            assert.equal(backoffDelay(3, 0.5), 2000);
            assert.equal(backoffDelay(20, 0.5), 15000);
            assert.equal(backoffDelay(20, 0), 0);
            """)
    }
}
