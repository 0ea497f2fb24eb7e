using System;
using Amazon.Runtime.CredentialManagement;
using ConnectTools.Auth;

namespace ConnectTools.Client
{
    /// <summary>
    /// The three settings of the shared AWS configuration that apply to a Connect client and that ConnectTools does not
    /// take from parameters: the application id in the User-Agent (AWS_SDK_UA_APP_ID, sdk_ua_app_id), clock-skew
    /// correction (AWS_DISABLE_CLOCK_SKEW_CORRECTION, disable_clock_skew_correction), and whether endpoint URLs configured
    /// in the environment or profile are ignored (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS). Read as AWSSDK.Core 4.1 reads
    /// them (the variable when it is set, else the profile named by AWS_PROFILE or "default"; for the last one only the
    /// variable, since the SDK's environment source always answers it), and set on the configuration explicitly, so the
    /// SDK does not build its FallbackInternalConfigurationFactory: every AWS_* variable and the shared config file read
    /// at once, on the first call of a fresh process, for three values.
    /// </summary>
    internal static class SharedConfigSettings
    {
        internal const string AppIdVariable = "AWS_SDK_UA_APP_ID";
        internal const string DisableClockSkewVariable = "AWS_DISABLE_CLOCK_SKEW_CORRECTION";
        internal const string IgnoreEndpointUrlsVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

        internal static void Apply(ConnectClientConfig config, IEnvironmentReader env)
        {
            CredentialProfile? profile = null;
            bool looked = false;
            CredentialProfile? Profile()
            {
                if (!looked)
                {
                    looked = true;
                    profile = DefaultProfile(env);
                }
                return profile;
            }

            // An empty string, not null: the SDK takes null as "not set" and looks it up itself.
            config.ClientAppId = Value(env.Get(AppIdVariable)) ?? Profile()?.ClientAppId ?? "";
            // Like the SDK: a value that is not true or false is passed over, and the profile decides.
            config.DisableClockSkewCorrection = Flag(env.Get(DisableClockSkewVariable)) ?? Profile()?.DisableClockSkewCorrection ?? false;
            // The SDK reads this one from the variable only (unset is false, so its profile source is never asked), and a
            // value that is not true or false fails every call; here it is an input error before the first.
            string? ignore = Value(env.Get(IgnoreEndpointUrlsVariable));
            config.IgnoreConfiguredEndpointUrls = ignore != null && (Flag(ignore) ?? throw new ConnectInputException(IgnoreEndpointUrlsVariable,
                $"The environment variable {IgnoreEndpointUrlsVariable} is '{InputText.Show(ignore)}'; use true or false."));
        }

        /// <summary>The profile AWSSDK.Core takes its settings from: AWS_PROFILE, else "default"; null when there is none.</summary>
        private static CredentialProfile? DefaultProfile(IEnvironmentReader env)
        {
            string name = Value(env.Get("AWS_PROFILE"))?.Trim() is string n && n.Length > 0 ? n : "default";
            try
            {
                return new ProfileLookup(null, env).TryGet(name, out var found) ? found : null;
            }
            catch (Exception)
            {
                // An unreadable file: the settings keep their defaults here; the credentials path reports the file itself.
                return null;
            }
        }

        private static string? Value(string? s) => string.IsNullOrEmpty(s) ? null : s;

        private static bool? Flag(string? s) => bool.TryParse(s?.Trim(), out bool b) ? b : (bool?)null;
    }
}
