using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Emulator;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>ConnectSession: the one way the cmdlets, the completer and the benchmark get a client.</summary>
    public class ConnectSessionTests
    {
        private static AwsSettings Settings(EmulatorHarness h, string? region = null) => new AwsSettings
        {
            AccessKey = EmulatorOptions.DemoAccessKeyId,
            SecretKey = EmulatorOptions.DemoSecretKey,
            Region = region ?? h.Region,
            EndpointUrl = h.Emulator.Url.ToString(),
            Environment = new DictionaryEnvironment(new Dictionary<string, string?>()),
        };

        [Fact]
        public async Task OneClientPerRegionIsMadeOnceAndReportsWhereSettingsCameFrom()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var verbose = new List<string>();
            var session = new ConnectSession(Settings(h), new HttpSettings(), verbose.Add, shareClients: false);

            var first = session.ClientFor();
            Assert.Same(first, session.ClientFor());
            Assert.Same(first, session.ClientFor(null));
            var other = session.ClientFor("us-west-2");
            Assert.NotSame(first, other);
            Assert.Same(other, session.ClientFor("us-west-2"));

            var instance = await first.DescribeInstanceAsync(h.Instance.Id);
            Assert.Equal(h.Instance.Id, instance.Id);
            Assert.Contains(verbose, v => v.Contains("-AccessKey", StringComparison.Ordinal) || v.Contains("Credentials", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(verbose, v => v.StartsWith("Endpoint: ", StringComparison.Ordinal));
            Assert.DoesNotContain(verbose, v => v.Contains(EmulatorOptions.DemoSecretKey, StringComparison.Ordinal));
        }

        [Fact]
        public async Task SharedClientsAreReusedAcrossSessionsWithTheSameSettings()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var a = new ConnectSession(Settings(h)).ClientFor();
            var b = new ConnectSession(Settings(h)).ClientFor();
            Assert.Same(a, b);
            var own = new ConnectSession(Settings(h), shareClients: false).ClientFor();
            Assert.NotSame(a, own);
        }

        [Fact]
        public void BadEndpointAndCaBundleAreInputErrorsBeforeAnyCall()
        {
            var e = Assert.Throws<ConnectInputException>(() => new ConnectSession(new AwsSettings { EndpointUrl = "ftp://example" }));
            Assert.Equal("EndpointUrl", e.ParamName);
            Assert.ThrowsAny<Exception>(() => new ConnectSession(new AwsSettings(), new HttpSettings { CaBundle = "/nonexistent/ca.pem" }));
        }

        [Fact]
        public async Task RequestsCarryTheSdkUserAgentWithConnectToolsAdded()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = new ConnectSession(Settings(h), shareClients: false).ClientFor();
            await client.DescribeInstanceAsync(h.Instance.Id);
            string ua = h.Emulator.Stats.Requests.Last().UserAgent ?? "";
            Assert.StartsWith("aws-sdk-dotnet-", ua, StringComparison.Ordinal);       // the SDK's own
            Assert.Contains("md/aws-sdk-dotnet-core#4.", ua, StringComparison.Ordinal); // with its AWSSDK.Core version
            Assert.Contains("api/Connect#", ua, StringComparison.Ordinal);
            var version = typeof(ConnectSession).Assembly.GetName().Version!;
            Assert.Contains("lib/ConnectTools#" + version.Major + "." + version.Minor + "." + version.Build, ua, StringComparison.Ordinal);
        }
    }
}
