using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Text.RegularExpressions;
using ConnectTools.Auth;
using ConnectTools.Enumeration;
using ConnectTools.Pacing;
using ConnectTools.WarmUp;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// The warm-up the module starts at import: the whole call path runs on in-memory answers, nothing is sent, nothing
    /// is left behind in the process's shared state, and CONNECTTOOLS_WARMUP turns it off. Alone in its collection: it
    /// listens to the process's socket and DNS events.
    /// </summary>
    [Collection(nameof(PacingCollection))]
    public class WarmUpTests
    {
        private sealed class StarDialect : IWildcardDialect
        {
            public Func<string, bool> Compile(string pattern) =>
                new Regex("^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$", RegexOptions.IgnoreCase).IsMatch;

            public bool HasWildcards(string pattern) => pattern.Contains('*');
        }

        [Fact]
        public void RunsEveryListingAndCallThroughTheClientOnInMemoryAnswers()
        {
            bool ranFirst = false;
            var result = ConnectWarmUp.Run(new StarDialect(), () => ranFirst = true);

            Assert.Null(result.Failure);
            Assert.True(ranFirst);
            // ListInstances + DescribeInstance, then the Region's own endpoint's DescribeInstance.
            Assert.Equal(new[] { "warm-up", "warm-up" }, result.Instances);
            // DescribeUser; ListUsers + DescribeUser; SearchUsers (the filter, matched again locally) + DescribeUser.
            Assert.Equal(new[] { "warm-up", "warm-up", "warm-up" }, result.Users);
            Assert.Equal(8, result.Requests);
        }

        [Fact]
        public void AFailureOfTheCallersPartIsKeptAndTheRestStillRuns()
        {
            var result = ConnectWarmUp.Run(new StarDialect(), () => throw new InvalidOperationException("caller's part"));

            Assert.Equal("caller's part", Assert.IsType<InvalidOperationException>(result.Failure).Message);
            Assert.Equal(8, result.Requests);
        }

        [Fact]
        public void SendsNothingAndLeavesNoGateBehind()
        {
            var gatesBefore = RequestRateGate.RegistryKeys.ToList();
            using var network = new NetworkEvents();

            var result = ConnectWarmUp.Run(new StarDialect());

            Assert.Null(result.Failure);
            Assert.Empty(network.Seen);
            Assert.Equal(gatesBefore.OrderBy(k => k, StringComparer.Ordinal), RequestRateGate.RegistryKeys.OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void ADetachedGateNeverJoinsTheAccountsGate()
        {
            // An account no other test names (the registry is the process's).
            const string Account = "918273645546";
            var gate = RequestRateGate.Detached(ApiQuotas.Parse(null));
            gate.OnAccount(Account);

            Assert.False(gate.SharedWithAccount);
            Assert.DoesNotContain(RequestRateGate.RegistryKeys, k => k.Contains(Account));
        }

        [Theory]
        [InlineData("0", true)]
        [InlineData("false", true)]
        [InlineData(" OFF ", true)]
        [InlineData(null, false)]
        [InlineData("", false)]
        [InlineData("1", false)]
        [InlineData("true", false)]
        public void TheVariableTurnsItOff(string? value, bool off)
        {
            Assert.Equal(off, ConnectWarmUp.IsOff(value));
            if (off)
            {
                var env = new DictionaryEnvironment(new Dictionary<string, string?> { [ConnectWarmUp.VariableName] = value });
                Assert.False(ConnectWarmUp.Start(new StarDialect(), null, env));
            }
        }

        /// <summary>DNS lookups and socket connects started in the process while it is listening.</summary>
        private sealed class NetworkEvents : EventListener
        {
            public List<string> Seen { get; } = new List<string>();

            protected override void OnEventSourceCreated(EventSource source)
            {
                if (source.Name is "System.Net.Sockets" or "System.Net.NameResolution" or "System.Net.Http")
                    EnableEvents(source, EventLevel.Informational);
            }

            protected override void OnEventWritten(EventWrittenEventArgs e)
            {
                if (e.EventName is "ConnectStart" or "ResolutionStart")
                    lock (Seen) Seen.Add(e.EventSource.Name + " " + e.EventName);
            }
        }
    }
}
