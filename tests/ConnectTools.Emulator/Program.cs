using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace ConnectTools.Emulator;

/// <summary>Runs the emulator in the foreground: <c>dotnet run --project tests/ConnectTools.Emulator -- --help</c>.</summary>
internal static class Program
{
    private const string Usage = """
        ConnectTools.Emulator: a local Amazon Connect endpoint (DescribeInstance, ListInstances, DescribeUser,
        ListUsers, SearchUsers) on 127.0.0.1, for trying ConnectTools without an AWS account.

        Usage: dotnet run --project tests/ConnectTools.Emulator -- [options]

          --port N          TCP port on 127.0.0.1 (default 0: any free port)
          --users N         users per generated instance (default 50)
          --instances N     instances to generate (default 1, or 0 with --seed-file)
          --seed-file F     load instances and users from a JSON seed file (see README.md)
          --region R        region to sign for and put in ARNs (default us-east-1)
          --random-seed N   seed of the generated data (default 42)
          --latency-ms N    latency added to every response (default 0)
          --no-quotas       do not enforce request-rate quotas
          --no-auth         accept unsigned requests (signatures are not checked)
          --quiet           do not log each request
          -h, --help        show this help

        Stop with Ctrl+C.
        """;

    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        var quiet = false;
        try
        {
            (options, quiet, var help) = Parse(args);
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

        if (!quiet)
        {
            options.LogSink = line => Console.WriteLine(line);
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        ConnectEmulator emulator;
        try
        {
            emulator = await ConnectEmulator.StartAsync(options, stop.Token);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine("Could not start: " + e.Message);
            return 1;
        }

        await using (emulator)
        {
            PrintBanner(emulator);
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
        Console.WriteLine();
        Console.WriteLine($"ConnectTools.Emulator is listening on {emulator.Url}");
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

        Console.WriteLine($"  Quotas:        {(o.DisableQuotas ? "off" : "on (service defaults)")}; latency {o.Latency.TotalMilliseconds:F0} ms");
        Console.WriteLine("  Instances:");
        foreach (var instance in emulator.Data.Instances)
        {
            Console.WriteLine($"    {instance.Id}  {instance.InstanceAlias}  ({instance.UserCount} users)");
        }

        Console.WriteLine();
        Console.WriteLine("Try it (PowerShell):");
        Console.WriteLine($"  $env:AWS_ACCESS_KEY_ID = '{EmulatorOptions.DemoAccessKeyId}'; $env:AWS_SECRET_ACCESS_KEY = '{EmulatorOptions.DemoSecretKey}'; $env:AWS_REGION = '{o.Region}'");
        Console.WriteLine($"  ... -EndpointUrl {emulator.Url}");
        Console.WriteLine("Press Ctrl+C to stop.");
        Console.WriteLine();
    }

    private static (EmulatorOptions Options, bool Quiet, bool Help) Parse(string[] args)
    {
        var options = new EmulatorOptions();
        var quiet = false;
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
                    return (options, quiet, true);
                case "--port": options.Port = Int(0, 65535); break;
                case "--users": options.GeneratedUsers = Int(0, 10_000_000); break;
                case "--instances": options.GeneratedInstances = Int(0, 1000); break;
                case "--seed-file": options.SeedFile = Value(); break;
                case "--region": options.Region = Value(); break;
                case "--random-seed": options.RandomSeed = Int(int.MinValue, int.MaxValue); break;
                case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(Int(0, 600_000)); break;
                case "--no-quotas": options.DisableQuotas = true; break;
                case "--no-auth": options.RequireSignature = false; break;
                case "--quiet": quiet = true; break;
                default: throw new ArgumentException($"Unknown option '{arg}'.");
            }
        }

        return (options, quiet, false);
    }
}
