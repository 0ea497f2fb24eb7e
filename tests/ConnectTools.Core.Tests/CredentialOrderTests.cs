using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;
using ConnectTools.Auth;
using Xunit;

namespace ConnectTools.Core.Tests
{
    /// <summary>A stand-in for AWS.Tools' Amazon.PowerShell.Common.AWSPSCredentials: its Credentials property is not public.</summary>
    public sealed class FakeStoredCredentials
    {
        public FakeStoredCredentials(AWSCredentials c) => Credentials = c;
        internal AWSCredentials Credentials { get; }
    }

    /// <summary>Credentials from "another AWSSDK.Core": no relation to Amazon.Runtime types, only the same shape.</summary>
    public sealed class ForeignCredentials
    {
        public ForeignImmutable GetCredentials() => new ForeignImmutable();

        public sealed class ForeignImmutable
        {
            public string AccessKey => "AKIDFOREIGN000000001";
            public string SecretKey => "foreign-secret";
            public string? Token => "foreign-token";
        }
    }

    /// <summary>Shares the process-wide profile files, so these run one at a time.</summary>
    [Collection("profiles")]
    public class CredentialOrderTests : IDisposable
    {
        private readonly string _dir = Path.Combine(TestEnvironment.Home, "t-" + Guid.NewGuid().ToString("N"));
        private readonly Dictionary<string, string?> _env = new Dictionary<string, string?> { ["AWS_EC2_METADATA_DISABLED"] = "true" };
        private readonly List<string> _verbose = new List<string>();

        public CredentialOrderTests()
        {
            Directory.CreateDirectory(_dir);
            File.WriteAllText(TestEnvironment.CredentialsFile,
                "[default]\naws_access_key_id = AKIDDEFAULT000000001\naws_secret_access_key = default-secret\n\n" +
                "[envprofile]\naws_access_key_id = AKIDENVPROFILE000001\naws_secret_access_key = envprofile-secret\n\n" +
                "[named]\naws_access_key_id = AKIDNAMED00000000001\naws_secret_access_key = named-secret\n");
            File.WriteAllText(TestEnvironment.ConfigFile,
                "[default]\nregion = eu-west-1\n\n[profile named]\nregion = ap-southeast-2\n\n[profile envprofile]\nregion = ca-central-1\n");
        }

        public void Dispose()
        {
            File.WriteAllText(TestEnvironment.CredentialsFile, "");
            File.WriteAllText(TestEnvironment.ConfigFile, "");
            Directory.Delete(_dir, true);
        }

        private AwsSettings Settings() => new AwsSettings { Environment = new DictionaryEnvironment(_env) };

        private ResolvedAws Resolve(AwsSettings s) => AwsResolver.Resolve(s, _verbose.Add);

        private static string AccessKeyOf(ResolvedAws r) => r.Credentials.GetCredentials().AccessKey;

        private AwsSettings Everything()
        {
            var s = Settings();
            s.AccessKey = "AKIDEXPLICIT00000001";
            s.SecretKey = "explicit-secret";
            s.ProfileName = "named";
            s.Credential = new BasicAWSCredentials("AKIDOBJECT0000000001", "object-secret");
            s.StoredCredentials = new FakeStoredCredentials(new BasicAWSCredentials("AKIDSTORED0000000001", "stored-secret"));
            _env["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT00001";
            _env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
            _env["AWS_PROFILE"] = "envprofile";
            return s;
        }

        [Fact]
        public void EachSourceWinsOverTheOnesAfterIt()
        {
            var s = Everything();
            Assert.Equal("AKIDEXPLICIT00000001", AccessKeyOf(Resolve(s)));
            s.AccessKey = s.SecretKey = null;
            Assert.Equal("AKIDNAMED00000000001", AccessKeyOf(Resolve(s)));
            s.ProfileName = null;
            Assert.Equal("AKIDOBJECT0000000001", AccessKeyOf(Resolve(s)));
            s.Credential = null;
            Assert.Equal("AKIDSTORED0000000001", AccessKeyOf(Resolve(s)));
            s.StoredCredentials = null;
            Assert.Equal("AKIDENVIRONMENT00001", AccessKeyOf(Resolve(s)));
            _env.Remove("AWS_ACCESS_KEY_ID");
            Assert.Equal("AKIDENVPROFILE000001", AccessKeyOf(Resolve(s)));
            _env.Remove("AWS_PROFILE");
            Assert.Equal("AKIDDEFAULT000000001", AccessKeyOf(Resolve(s)));
        }

        [Fact]
        public void RegionOrderIsParameterStoredProfileEnvironment()
        {
            var s = Settings();
            _env["AWS_REGION"] = "us-west-1";
            s.Region = "us-east-2";
            s.StoredRegion = "sa-east-1";
            s.ProfileName = "named";
            Assert.Equal("us-east-2", Resolve(s).Region);
            s.Region = null;
            Assert.Equal("sa-east-1", Resolve(s).Region);
            s.StoredRegion = null;
            Assert.Equal("ap-southeast-2", Resolve(s).Region);
            s.ProfileName = null;
            Assert.Equal("eu-west-1", Resolve(s).Region); // the default profile's region
            File.WriteAllText(TestEnvironment.ConfigFile, "");
            Assert.Equal("us-west-1", Resolve(s).Region);
            _env.Remove("AWS_REGION");
            _env["AWS_DEFAULT_REGION"] = "me-south-1";
            Assert.Equal("me-south-1", Resolve(s).Region);
        }

        [Fact]
        public void AwsProfileRegionIsUsedWhenItIsTheSelectedProfile()
        {
            _env["AWS_PROFILE"] = "envprofile";
            var r = Resolve(Settings());
            Assert.Equal("AKIDENVPROFILE000001", AccessKeyOf(r));
            Assert.Equal("ca-central-1", r.Region);
            Assert.Contains("AWS_PROFILE", r.CredentialSource);
        }

        [Fact]
        public void MissingNamedProfileIsAnErrorNamingItAndTheFiles()
        {
            var s = Settings();
            s.ProfileName = "nosuch";
            _env["AWS_ACCESS_KEY_ID"] = "AKIDENVIRONMENT00001";
            _env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
            var e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Contains("'nosuch'", e.Message);
            Assert.Contains(TestEnvironment.CredentialsFile, e.Message);
            Assert.Contains(TestEnvironment.ConfigFile, e.Message);
        }

        [Fact]
        public void MissingAwsProfileIsAnError()
        {
            _env["AWS_PROFILE"] = "ghost";
            var e = Assert.Throws<ConnectInputException>(() => Resolve(Settings()));
            Assert.Contains("AWS_PROFILE", e.Message);
            Assert.Contains("'ghost'", e.Message);
        }

        [Fact]
        public void ProfileLocationReadsThatFile()
        {
            string file = Path.Combine(_dir, "creds");
            File.WriteAllText(file, "[default]\naws_access_key_id = AKIDLOCATION00000001\naws_secret_access_key = x\n[other]\naws_access_key_id = AKIDLOCATIONOTHER001\naws_secret_access_key = y\n");
            var s = Settings();
            s.ProfileLocation = file;
            s.Region = "us-east-1";
            Assert.Equal("AKIDLOCATION00000001", AccessKeyOf(Resolve(s)));
            s.ProfileName = "other";
            Assert.Equal("AKIDLOCATIONOTHER001", AccessKeyOf(Resolve(s)));
            s.ProfileLocation = Path.Combine(_dir, "missing");
            var e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Contains("does not exist", e.Message);
        }

        [Fact]
        public void ProfileFilesNamedByTheEnvironmentAreReadAnewEachTime()
        {
            string credentials = Path.Combine(_dir, "elsewhere-credentials"), config = Path.Combine(_dir, "elsewhere-config");
            File.WriteAllText(credentials, "[moved]\naws_access_key_id = AKIDMOVED00000000001\naws_secret_access_key = moved-secret\n");
            File.WriteAllText(config, "[profile moved]\nregion = eu-north-1\n");
            _env["AWS_SHARED_CREDENTIALS_FILE"] = credentials;
            _env["AWS_CONFIG_FILE"] = config;
            var s = Settings();
            s.ProfileName = "moved";
            var r = Resolve(s);
            Assert.Equal("AKIDMOVED00000000001", AccessKeyOf(r));
            Assert.Equal("eu-north-1", r.Region);

            // A profile of the default files is not found through files named elsewhere...
            s.ProfileName = "named";
            var e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Contains(credentials, e.Message);
            Assert.Contains(config, e.Message);

            // ...and a named file that does not exist is not replaced by ~/.aws/credentials.
            _env["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_dir, "missing", "credentials");
            s.ProfileName = "default";
            e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Contains(Path.Combine(_dir, "missing", "credentials") + "' (missing)", e.Message);
        }

        [Fact]
        public void StoredCredentialsAreReadThroughTheNonPublicProperty()
        {
            var s = Settings();
            s.Region = "us-east-1";
            s.StoredCredentials = new FakeStoredCredentials(new SessionAWSCredentials("AKIDSTORED0000000002", "s", "t"));
            var r = Resolve(s);
            Assert.Equal("AKIDSTORED0000000002", AccessKeyOf(r));
            Assert.Contains("$StoredAWSCredentials", r.CredentialSource);
        }

        [Fact]
        public void ForeignCredentialObjectsAreDuckTyped()
        {
            var s = Settings();
            s.Region = "us-east-1";
            s.Credential = new ForeignCredentials();
            var c = Resolve(s).Credentials.GetCredentials();
            Assert.Equal("AKIDFOREIGN000000001", c.AccessKey);
            Assert.Equal("foreign-secret", c.SecretKey);
            Assert.Equal("foreign-token", c.Token);

            s.Credential = null;
            s.StoredCredentials = new ForeignStored();
            Assert.Equal("AKIDFOREIGN000000001", AccessKeyOf(Resolve(s)));
        }

        private sealed class ForeignStored
        {
            private ForeignCredentials Credentials { get; } = new ForeignCredentials();
        }

        [Fact]
        public void ACredentialThatIsNotCredentialsIsAnInputError()
        {
            var s = Settings();
            s.Credential = "not credentials";
            var e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Contains("System.String", e.Message);
        }

        [Theory]
        [InlineData("AKID", null, null, "SecretKey")]
        [InlineData(null, "secret", null, "AccessKey")]
        [InlineData(null, null, "token", "SessionToken")]
        public void HalfGivenKeysAreRefused(string? access, string? secret, string? token, string param)
        {
            var s = Settings();
            s.AccessKey = access;
            s.SecretKey = secret;
            s.SessionToken = token;
            var e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Equal(param, e.ParamName);
        }

        [Fact]
        public void NoSignRequestWithCredentialsIsRefused()
        {
            var s = Settings();
            s.NoSignRequest = true;
            s.ProfileName = "named";
            var e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Contains("-NoSignRequest", e.Message);
            s.ProfileName = null;
            s.Region = "us-east-1";
            Assert.IsType<AnonymousAWSCredentials>(Resolve(s).Credentials);
        }

        [Theory]
        [InlineData("mars-north-1")]
        [InlineData("US-EAST-1")]
        [InlineData("virginia")]
        public void UnknownRegionNamesAreRefused(string region)
        {
            var s = Settings();
            s.AccessKey = "AKIDEXPLICIT00000001";
            s.SecretKey = "x";
            s.Region = region;
            var e = Assert.Throws<ConnectInputException>(() => Resolve(s));
            Assert.Contains("is not an AWS Region name", e.Message);
        }

        [Fact]
        public void NothingConfiguredFailsFastWithHowToFix()
        {
            File.WriteAllText(TestEnvironment.CredentialsFile, "");
            File.WriteAllText(TestEnvironment.ConfigFile, "");
            _env.Remove("AWS_EC2_METADATA_DISABLED");
            // A metadata endpoint that accepts connections and never answers: only a timeout ends a probe of it.
            using var imds = new SilentListener();
            _env["AWS_EC2_METADATA_SERVICE_ENDPOINT"] = imds.Url;
            var e = Assert.Throws<ConnectConfigurationException>(() => Resolve(Settings()));
            Assert.Contains("Set-AWSCredential", e.Message);
            Assert.Contains("AWS_ACCESS_KEY_ID", e.Message);
            Assert.Contains("EC2 instance metadata is not reachable at " + imds.Url, string.Join("\n", _verbose));

            var s = Settings();
            s.AccessKey = "AKIDEXPLICIT00000001";
            s.SecretKey = "x";
            var r = Assert.Throws<ConnectConfigurationException>(() => Resolve(s));
            Assert.Contains("Set-DefaultAWSRegion", r.Message);
            Assert.Contains("AWS_REGION", r.Message);
            Assert.Contains("-Region", r.Message);

            // Fast because it is bounded: one probe with one request (the IMDSv2 token) and no retries, given up by
            // ConnectTools' own timeout; the second resolution reused its answer instead of probing again. The SDK's
            // own metadata client would have retried, each time with its own longer timeout. At most one connection: on a
            // loaded machine the timeout can end the probe before its request line is written (an empty line) or before
            // it connects at all (none); what may never be seen is a second connection or any other request.
            var lines = imds.RequestLines();
            Assert.True(lines.Count <= 1, "the metadata endpoint was probed " + lines.Count + " times: " + string.Join(" | ", lines));
            Assert.All(lines, line => Assert.Contains(line, new[] { "PUT /latest/api/token HTTP/1.1", "" }));
        }

        /// <summary>A loopback TCP listener that accepts connections, reads what is sent, and never answers.</summary>
        private sealed class SilentListener : IDisposable
        {
            private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);

            internal SilentListener()
            {
                _listener.Start();
                Url = "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;
            }

            internal string Url { get; }

            /// <summary>The first line of every request that reached the listener (every connection made so far).</summary>
            internal List<string> RequestLines()
            {
                var lines = new List<string>();
                while (_listener.Pending())
                {
                    using var client = _listener.AcceptTcpClient();
                    client.ReceiveTimeout = 10000;
                    var reader = new StreamReader(client.GetStream());
                    lines.Add(reader.ReadLine() ?? "");
                }
                return lines;
            }

            public void Dispose() => _listener.Stop();
        }

        [Fact]
        public void VerboseNamesSourcesButNeverSecrets()
        {
            var s = Everything();
            s.SessionToken = "explicit-token-value";
            Resolve(s);
            s.AccessKey = s.SecretKey = s.SessionToken = null;
            Resolve(s);
            s.ProfileName = null; s.Credential = null; s.StoredCredentials = null;
            Resolve(s);
            string all = string.Join("\n", _verbose);
            Assert.Contains("Credentials:", all);
            Assert.Contains("Region:", all);
            foreach (var secret in new[] { "explicit-secret", "explicit-token-value", "named-secret", "stored-secret", "env-secret", "object-secret" })
                Assert.DoesNotContain(secret, all);
            Assert.DoesNotContain("AKIDEXPLICIT00000001", all); // access keys are masked too
        }
    }
}
