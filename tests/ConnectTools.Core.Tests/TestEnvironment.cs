using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace ConnectTools.Core.Tests
{
    /// <summary>
    /// Runs when the test assembly loads, before any AWSSDK.Core type reads its defaults: points HOME and the shared
    /// credentials/config files at a temporary folder, so no test ever reads the real home, and turns off the EC2
    /// metadata probe unless a test asks for it.
    /// </summary>
    internal static class TestEnvironment
    {
        internal static string Home { get; private set; } = "";
        internal static string CredentialsFile { get; private set; } = "";
        internal static string ConfigFile { get; private set; } = "";

        [ModuleInitializer]
        internal static void Initialize()
        {
            Home = Path.Combine(Path.GetTempPath(), "connecttools-tests-" + Environment.ProcessId);
            Directory.CreateDirectory(Path.Combine(Home, ".aws"));
            CredentialsFile = Path.Combine(Home, ".aws", "credentials");
            ConfigFile = Path.Combine(Home, ".aws", "config");
            File.WriteAllText(CredentialsFile, "");
            File.WriteAllText(ConfigFile, "");
            Environment.SetEnvironmentVariable("HOME", Home);
            Environment.SetEnvironmentVariable("USERPROFILE", Home);
            Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", CredentialsFile);
            Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", ConfigFile);
            foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
                         "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_WEB_IDENTITY_TOKEN_FILE" })
                Environment.SetEnvironmentVariable(name, null);
            Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        }
    }
}
