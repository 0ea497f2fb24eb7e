using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Amazon.Runtime;
using ConnectTools.Auth;
using ConnectTools.Client;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// The shared AWS settings that apply to a Connect client (sdk_ua_app_id, disable_clock_skew_correction and their
    /// AWS_* variables, and AWS_IGNORE_CONFIGURED_ENDPOINT_URLS) are read by ConnectTools and set on the configuration,
    /// as AWSSDK.Core 4.1 would read them: the variable first, else the profile named by AWS_PROFILE or "default" (the
    /// SDK never asks the profile for ignore_configured_endpoint_urls). Nothing else of the SDK's fallback chain is
    /// consulted (Module.Tests.ps1 checks that in a fresh process).
    /// </summary>
    public sealed class SharedConfigSettingsTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "ct-shared-config-" + Guid.NewGuid().ToString("N"));

        public SharedConfigSettingsTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        private Dictionary<string, string?> Files(string config)
        {
            File.WriteAllText(Path.Combine(_dir, "config"), config);
            File.WriteAllText(Path.Combine(_dir, "credentials"), "");
            return new Dictionary<string, string?>
            {
                ["HOME"] = _dir,
                ["AWS_CONFIG_FILE"] = Path.Combine(_dir, "config"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_dir, "credentials"),
            };
        }

        private const string TwoProfiles =
            "[default]\nsdk_ua_app_id = from-default\ndisable_clock_skew_correction = true\nignore_configured_endpoint_urls = true\n" +
            "[profile other]\nsdk_ua_app_id = from-other\n";

        private static async Task<string> UserAgentOfACall(EmulatorHarness h, ConnectClient client)
        {
            await client.DescribeInstanceAsync(h.Instance.Id);
            return h.Emulator.Stats.Requests.Last().UserAgent ?? "";
        }

        [Fact]
        public async Task TheDefaultProfilesSettingsReachTheClientAndItsUserAgent()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client(env: Files(TwoProfiles));
            Assert.Contains(" app/from-default", await UserAgentOfACall(h, client), StringComparison.Ordinal);
            Assert.True(client.Config.DisableClockSkewCorrection);
            // As with the SDK: the profile's ignore_configured_endpoint_urls is not read, only the variable.
            Assert.False(client.Config.IgnoreConfiguredEndpointUrls);
            var env = Files(TwoProfiles);
            env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "true";
            Assert.True(h.Client(env: env).Config.IgnoreConfiguredEndpointUrls);
        }

        [Fact]
        public async Task AwsProfileChoosesTheProfileAndTheVariablesWinOverIt()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var env = Files(TwoProfiles);
            env["AWS_PROFILE"] = "other";
            var other = h.Client(env: env);
            Assert.Contains(" app/from-other", await UserAgentOfACall(h, other), StringComparison.Ordinal);
            Assert.False(other.Config.DisableClockSkewCorrection);
            Assert.False(other.Config.IgnoreConfiguredEndpointUrls);

            env = Files(TwoProfiles);
            env["AWS_SDK_UA_APP_ID"] = "from-env";
            env["AWS_DISABLE_CLOCK_SKEW_CORRECTION"] = "false";
            env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "False";
            var fromEnv = h.Client(env: env);
            string ua = await UserAgentOfACall(h, fromEnv);
            Assert.Contains(" app/from-env", ua, StringComparison.Ordinal);
            Assert.DoesNotContain("from-default", ua, StringComparison.Ordinal);
            Assert.False(fromEnv.Config.DisableClockSkewCorrection);
            Assert.False(fromEnv.Config.IgnoreConfiguredEndpointUrls);
        }

        [Fact]
        public async Task WithNothingConfiguredTheUserAgentHasNoAppIdAndClockSkewIsCorrected()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var client = h.Client(env: Files(""));
            Assert.DoesNotContain(" app/", await UserAgentOfACall(h, client), StringComparison.Ordinal);
            Assert.False(client.Config.DisableClockSkewCorrection);
            Assert.False(client.Config.IgnoreConfiguredEndpointUrls);
        }

        [Fact]
        public async Task AClockSkewValueThatIsNotABooleanIsPassedOverAsTheSdkDoesAndAnEndpointUrlsOneIsAnInputError()
        {
            await using var h = await EmulatorHarness.StartAsync();
            var env = Files(TwoProfiles);
            env["AWS_DISABLE_CLOCK_SKEW_CORRECTION"] = "maybe";
            Assert.True(h.Client(env: env).Config.DisableClockSkewCorrection);   // the profile decides

            env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "yes";
            var e = Assert.Throws<ConnectInputException>(() => h.Client(env: env));
            Assert.Equal(SharedConfigSettings.IgnoreEndpointUrlsVariable, e.ParamName);
            Assert.Contains("use true or false", e.Message, StringComparison.Ordinal);
            Assert.Empty(h.Emulator.Stats.Requests);
        }

        [Fact]
        public void EveryDefaultsModeGivesTheSameConfigurationWithoutLookingTheModeUp()
        {
            foreach (DefaultConfigurationMode mode in Enum.GetValues(typeof(DefaultConfigurationMode)))
            {
                var config = new ConnectClientConfig { DefaultConfigurationMode = mode };
                Assert.Equal(mode, config.DefaultConfigurationMode);
                Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
                Assert.Null(config.Timeout);
            }
            // Not asked for a mode (AWS_DEFAULTS_MODE and defaults_mode are not read): Standard.
            Assert.Equal(DefaultConfigurationMode.Standard, new ConnectClientConfig().DefaultConfigurationMode);
        }
    }
}
