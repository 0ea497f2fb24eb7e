using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Emulator;

/// <summary>Runs the emulator in the foreground: <c>dotnet run --project emulator -- --help</c>.</summary>
internal static class Program
{
    private const string Usage = """
        ConnectTools.Emulator: a local Amazon Connect endpoint (DescribeInstance, ListInstances, DescribeUser,
        ListUsers, SearchUsers) on 127.0.0.1, for trying ConnectTools without an AWS account.

        Usage: dotnet run --project emulator -- [options]

          --port N          TCP port on 127.0.0.1 (default 0: any free port)
          --users N         users per generated instance (default 50)
          --instances N     instances to generate (default 1, or 0 with --seed-file)
          --active-only     generate only ACTIVE instances (by default one CREATION_IN_PROGRESS and one
                            CREATION_FAILED instance, without users, follow the generated ones)
          --seed-file F     load instances and users from a JSON seed file (see README.md)
          --region R        region to sign for and put in ARNs (default us-east-1)
          --random-seed N   seed of the generated data (default 42)
          --latency-ms N    latency added to every response (default 0)
          --no-quotas       do not enforce request-rate quotas
          --no-auth         accept unsigned requests (signatures are not checked)
          --credential K=S  accept access key id K with secret key S (repeatable); when given, the
                            built-in demo credentials are not accepted. The secret is never printed.
          --signature-window-sec N
                            accept signatures up to N seconds from the emulator's clock (default 300,
                            like the service); only for tests that need a lenient emulator
          --credential-lifetime-sec N
                            lifetime of the temporary credentials the credential endpoints issue
                            (instance metadata, container, STS, SSO portal; default 3600); the Connect
                            endpoint answers ExpiredTokenException after it
          --container-token T
                            the Authorization value the container credentials endpoint
                            (/_credentials/container) requires (default emulator-container-authorization-token)
          --instance-role R the role name instance metadata reports (default connecttools-emulator-role)
          --sso-access-token T
                            an SSO access token (from a cached token file) the SSO portal endpoint accepts
                            (repeatable)
          --external-id ROLE_ARN=ID
                            AssumeRole of ROLE_ARN must carry ExternalId ID (repeatable)
          --quota Op=R/B    request-rate quota of operation Op: R calls per second, bucket of B
                            (repeatable), e.g. --quota DescribeUser=10/15
          --https-cert F    serve HTTPS with the certificate (and private key) in the PFX file F
          --https-cert-password P
                            the password of the PFX file
          --admin           serve the admin API under /_emulator/ (faults, stats, reset, data, users,
                            options; see README.md). Admin requests need no signature.
          --quiet           do not log each request
          --parent-pid N    stop when process N exits (a script that starts the emulator passes its own
                            process id, so the emulator never outlives it)
          -h, --help        show this help

        The first line printed is "ConnectTools.Emulator listening on <url> ...", so a script that starts it
        with --port 0 can read the URL from it. Stop with Ctrl+C.
        """;

    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        var quiet = false;
        int? parentPid;
        try
        {
            (options, quiet, parentPid, var help) = Parse(args);
            if (help)
            {
                Console.WriteLine(Usage);
                return 0;
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("Run with --help for usage.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        if (parentPid is int pid) _ = StopWhenProcessExitsAsync(pid, stop);

        ConnectEmulator emulator;
        try
        {
            emulator = await ConnectEmulator.StartAsync(options, stop.Token);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or CryptographicException)
        {
            Console.Error.WriteLine("Could not start: " + e.Message);
            return 1;
        }

        await using (emulator)
        {
            PrintBanner(emulator);
            if (!quiet)
            {
                // Set after the banner, so the first line is always the URL (the sink is read on every request).
                options.LogSink = line => Console.WriteLine(line);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine("Stopping.");
            }
        }

        return 0;
    }

    private static void PrintBanner(ConnectEmulator emulator)
    {
        var o = emulator.Options;
        Console.WriteLine($"ConnectTools.Emulator listening on {emulator.Url} (region {o.Region}, {emulator.Data.Instances.Count} instance(s), {emulator.Data.Instances.Sum(i => i.UserCount)} user(s))");
        Console.WriteLine($"  Region:        {o.Region}");
        Console.WriteLine($"  Account:       {o.AccountId}");
        if (!o.RequireSignature)
        {
            Console.WriteLine("  Auth:          off (--no-auth): any credentials, or none, are accepted");
        }
        else
        {
            foreach (var (key, secret) in o.Credentials)
            {
                Console.WriteLine($"  Access key id: {key}");
                Console.WriteLine(secret == EmulatorOptions.DemoSecretKey
                    ? $"  Secret key:    {secret}   (a built-in DEMO value, not a real secret)"
                    : "  Secret key:    (as configured; not shown)");
            }
        }

        Console.WriteLine($"  Quotas:        {(o.DisableQuotas ? "off" : "on")}; latency {o.Latency.TotalMilliseconds:F0} ms");
        if (!o.DisableQuotas)
        {
            Console.WriteLine("                 " + string.Join(", ", o.Quotas.OrderBy(q => q.Key, StringComparer.Ordinal)
                .Select(q => string.Create(CultureInfo.InvariantCulture, $"{q.Key} {q.Value.RatePerSecond}/s burst {q.Value.Burst}"))));
        }

        if (o.EnableAdminApi)
        {
            Console.WriteLine($"  Admin API:     {emulator.Url}_emulator/ (no signature needed)");
        }

        Console.WriteLine("  Instances:");
        foreach (var instance in emulator.Data.Instances)
        {
            Console.WriteLine($"    {instance.Id}  {instance.InstanceAlias}  ({instance.UserCount} users)");
        }

        Console.WriteLine();
        Console.WriteLine("Try it (PowerShell):");
        if (o.Credentials.TryGetValue(EmulatorOptions.DemoAccessKeyId, out var demo) && demo == EmulatorOptions.DemoSecretKey)
        {
            Console.WriteLine($"  $env:AWS_ACCESS_KEY_ID = '{EmulatorOptions.DemoAccessKeyId}'; $env:AWS_SECRET_ACCESS_KEY = '{EmulatorOptions.DemoSecretKey}'; $env:AWS_REGION = '{o.Region}'");
        }
        else
        {
            Console.WriteLine($"  $env:AWS_ACCESS_KEY_ID = '<a --credential key>'; $env:AWS_SECRET_ACCESS_KEY = '<its secret>'; $env:AWS_REGION = '{o.Region}'");
        }

        Console.WriteLine($"  ... -EndpointUrl {emulator.Url}");
        Console.WriteLine("Press Ctrl+C to stop.");
        Console.WriteLine();
    }

    /// <summary>Cancels <paramref name="stop"/> when process <paramref name="pid"/> exits (or does not exist).</summary>
    private static async Task StopWhenProcessExitsAsync(int pid, CancellationTokenSource stop)
    {
        try
        {
            using var parent = System.Diagnostics.Process.GetProcessById(pid);
            await parent.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // The process is gone already, or cannot be watched: either way the emulator must not outlive it.
        }

        Console.WriteLine($"Process {pid} exited; stopping.");
        stop.Cancel();
    }

    private static (EmulatorOptions Options, bool Quiet, int? ParentPid, bool Help) Parse(string[] args)
    {
        var options = new EmulatorOptions();
        var quiet = false;
        int? parentPid = null;
        Dictionary<string, string>? credentials = null;
        string? certificatePath = null, certificatePassword = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Int(int min, int max)
            {
                var text = Value();
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n
                    : throw new ArgumentException($"{arg} needs a whole number from {min} to {max}; got '{text}'.");
            }

            switch (arg)
            {
                case "-h" or "--help" or "-?" or "/?":
                    return (options, quiet, parentPid, true);
                case "--port": options.Port = Int(0, 65535); break;
                case "--users": options.GeneratedUsers = Int(0, 10_000_000); break;
                case "--instances": options.GeneratedInstances = Int(0, 1000); break;
                case "--seed-file": options.SeedFile = Value(); break;
                case "--region": options.Region = Value(); break;
                case "--random-seed": options.RandomSeed = Int(int.MinValue, int.MaxValue); break;
                case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(Int(0, 600_000)); break;
                case "--no-quotas": options.DisableQuotas = true; break;
                case "--no-auth": options.RequireSignature = false; break;
                case "--active-only": options.NonActiveInstances = false; break;
                case "--admin": options.EnableAdminApi = true; break;
                case "--credential":
                    var (key, secret) = Credential(Value());
                    credentials ??= new Dictionary<string, string>(StringComparer.Ordinal);
                    credentials[key] = secret;
                    break;
                case "--signature-window-sec": options.SignatureWindow = TimeSpan.FromSeconds(Int(1, 86_400)); break;
                case "--credential-lifetime-sec": options.CredentialLifetime = TimeSpan.FromSeconds(Int(1, 129_600)); break;
                case "--container-token": options.ContainerAuthorizationToken = Value(); break;
                case "--instance-role": options.InstanceProfileRole = Value(); break;
                case "--sso-access-token": options.SsoAccessTokens.Add(Value()); break;
                case "--external-id":
                    var pair = Value();
                    var at = pair.LastIndexOf('=');
                    if (at <= 0 || at == pair.Length - 1)
                    {
                        throw new ArgumentException("--external-id needs ROLE_ARN=EXTERNAL_ID, both non-empty.");
                    }

                    options.RequiredExternalIds[pair[..at]] = pair[(at + 1)..];
                    break;
                case "--quota":
                    var (operation, quota) = ParseQuota(Value());
                    options.Quotas[operation] = quota;
                    break;
                case "--https-cert": certificatePath = Value(); break;
                case "--https-cert-password": certificatePassword = Value(); break;
                case "--quiet": quiet = true; break;
                case "--parent-pid": parentPid = Int(1, int.MaxValue); break;
                default: throw new ArgumentException($"Unknown option '{arg}'.");
            }
        }

        if (credentials is not null)
        {
            options.Credentials = credentials;
        }

        if (certificatePassword is not null && certificatePath is null)
        {
            throw new ArgumentException("--https-cert-password needs --https-cert.");
        }

        if (certificatePath is not null)
        {
            options.Certificate = LoadCertificate(certificatePath, certificatePassword);
        }

        return (options, quiet, parentPid, false);
    }

    /// <summary>KEY=SECRET of --credential; the secret is never echoed in messages.</summary>
    private static (string Key, string Secret) Credential(string text)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
        {
            throw new ArgumentException("--credential needs ACCESS_KEY_ID=SECRET_KEY, both non-empty.");
        }

        return (text[..eq], text[(eq + 1)..]);
    }

    /// <summary>Operation=rate/burst of --quota.</summary>
    private static (string Operation, Quota Quota) ParseQuota(string text)
    {
        var eq = text.IndexOf('=');
        var slash = text.IndexOf('/', Math.Max(eq, 0));
        var operation = eq > 0 ? text[..eq] : "";
        if (!OperationNames.All.Contains(operation, StringComparer.Ordinal))
        {
            throw new ArgumentException($"--quota '{text}': the operation must be one of {string.Join(", ", OperationNames.All)}; expected Operation=rate/burst.");
        }

        if (slash < 0 ||
            !double.TryParse(text[(eq + 1)..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate < 0 || double.IsNaN(rate) || double.IsInfinity(rate) ||
            !int.TryParse(text[(slash + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var burst) || burst < 1)
        {
            throw new ArgumentException($"--quota '{text}': expected Operation=rate/burst with a rate of 0 or more calls per second and a burst of 1 or more, e.g. DescribeUser=10/15.");
        }

        return (operation, new Quota(rate, burst));
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"--https-cert: the file '{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException e)
        {
            throw new ArgumentException($"--https-cert: '{path}' is not a PFX (PKCS#12) file this password opens: {e.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new ArgumentException($"--https-cert: '{path}' holds no private key; HTTPS needs the certificate with its key.");
        }

        return certificate;
    }
}
