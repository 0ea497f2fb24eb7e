using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ConnectTools.Pacing;
using ConnectTools.Auth;
using ConnectTools.Client;
using ConnectTools.Emulator;

namespace ConnectTools.Core.Tests
{
    /// <summary>An emulator on loopback and a real ConnectClient pointed at it.</summary>
    internal sealed class EmulatorHarness : IAsyncDisposable
    {
        private EmulatorHarness(ConnectEmulator emulator) => Emulator = emulator;

        internal ConnectEmulator Emulator { get; }
        internal string Region => Emulator.Options.Region;
        internal EmulatorInstance Instance => Emulator.Data.Instances[0];

        internal static async Task<EmulatorHarness> StartAsync(Action<EmulatorOptions>? configure = null)
        {
            var options = new EmulatorOptions { GeneratedInstances = 1, GeneratedUsers = 25, ErrorForm = ErrorForm.RoundRobin };
            configure?.Invoke(options);
            return new EmulatorHarness(await ConnectEmulator.StartAsync(options));
        }

        internal ConnectClient Client(string? secret = null, string? accessKey = null, Dictionary<string, string?>? env = null, HttpSettings? http = null,
            string? sessionToken = null, bool anonymous = false)
        {
            var settings = new AwsSettings
            {
                AccessKey = anonymous ? null : accessKey ?? EmulatorOptions.DemoAccessKeyId,
                SecretKey = anonymous ? null : secret ?? EmulatorOptions.DemoSecretKey,
                SessionToken = sessionToken,
                NoSignRequest = anonymous,
                Region = Region,
                Environment = new DictionaryEnvironment(WithQuotas(env)),
            };
            var aws = AwsResolver.Resolve(settings);
            return ConnectClientFactory.Create(new ClientOptions(aws, Emulator.Url.ToString(), http ?? new HttpSettings(), settings.Environment));
        }

        /// <summary>
        /// The client is told the emulator's quotas (CONNECTTOOLS_API_QUOTAS), as a user whose account has other quotas
        /// than the defaults would; with quotas off, practically none. A test that sets the variable (even to null) decides.
        /// </summary>
        internal Dictionary<string, string?> WithQuotas(Dictionary<string, string?>? env)
        {
            var copy = new Dictionary<string, string?>(env ?? new Dictionary<string, string?>());
            if (!copy.ContainsKey(ApiQuotas.VariableName)) copy[ApiQuotas.VariableName] = QuotasOfEmulator();
            return copy;
        }

        internal string QuotasOfEmulator() =>
            Emulator.Options.DisableQuotas
                ? "*=100000/100000"
                : string.Join(";", Emulator.Options.Quotas.Select(q => q.Key + "=" + q.Value.RatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + q.Value.Burst));

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();
    }
}
