using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using ConnectTools.Auth;
using ConnectTools.Client;

namespace ConnectTools.Commands.Completers
{
    /// <summary>
    /// Completes -InstanceId with a live ListInstances (first page only): the prompt waits at most 3 seconds (a slower
    /// answer is cached for the next Tab), results are cached for 10 minutes per Region/profile/endpoint, and any failure
    /// (no credentials, no network, access denied) completes nothing.
    /// </summary>
    public sealed class InstanceIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan TimeBox = TimeSpan.FromSeconds(3);
        private static readonly TimeSpan BackgroundLimit = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);
        private static readonly ConcurrentDictionary<string, (DateTime At, IReadOnlyList<ConnectInstance> Items)> Cache =
            new ConcurrentDictionary<string, (DateTime, IReadOnlyList<ConnectInstance>)>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string prefix = (wordToComplete ?? "").Trim('\'', '"');
                var items = Instances(fakeBoundParameters);
                return items
                    .Where(i => (i.Id ?? "").StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ||
                                (i.InstanceAlias ?? "").StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .Select(i => new CompletionResult(i.Id, i.Id + (i.InstanceAlias == null ? "" : " (" + i.InstanceAlias + ")"),
                        CompletionResultType.ParameterValue, (i.InstanceAlias ?? i.Id) + " " + i.InstanceStatus))
                    .ToList();
            }
            catch
            {
                // Completion must never throw at the prompt.
                return Array.Empty<CompletionResult>();
            }
        }

        private static IReadOnlyList<ConnectInstance> Instances(IDictionary bound)
        {
            string? Get(string name)
            {
                object? value = bound != null && bound.Contains(name) ? bound[name] : null;
                if (value is PSObject p) value = p.BaseObject;
                if (value is object[] several) value = several.Length > 0 ? several[0] : null;  // -Region a,b: complete from the first
                if (value is string[] names) value = names.Length > 0 ? names[0] : null;
                if (value is PSObject q) value = q.BaseObject;
                return value?.ToString();
            }
            // The session's defaults (Set-AWSCredential, Set-DefaultAWSRegion) count here too, as in the cmdlets.
            // Completers run on the pipeline thread, where a script block can read the caller's variables.
            static object? Variable(string name)
            {
                try
                {
                    var result = ScriptBlock.Create("$" + name).Invoke();
                    return result.Count == 0 ? null : result[0]?.BaseObject;
                }
                catch (Exception)
                {
                    return null;
                }
            }
            var settings = new AwsSettings
            {
                Region = Get("Region"),
                ProfileName = Get("ProfileName"),
                ProfileLocation = Get("ProfileLocation"),
                EndpointUrl = Get("EndpointUrl"),
                StoredCredentials = Variable("StoredAWSCredentials"),
                StoredRegion = Variable("StoredAWSRegion") as string,
                MetadataTimeout = TimeSpan.FromMilliseconds(500),
            };
            string key = string.Join("|", settings.Region, settings.ProfileName, settings.ProfileLocation, settings.EndpointUrl, settings.StoredRegion,
                settings.StoredCredentials == null ? "" : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(settings.StoredCredentials).ToString());
            if (Cache.TryGetValue(key, out var cached) && DateTime.UtcNow - cached.At < CacheFor) return cached.Items;

            // The prompt waits at most TimeBox; a slower first answer (a cold start, a loaded machine) goes on in the
            // background within its own limit and is cached for the next Tab.
            var cts = new CancellationTokenSource(BackgroundLimit);
            var work = Task.Run(async () =>
            {
                var client = new ConnectSession(settings, new HttpSettings { ConnectTimeout = BackgroundLimit, ReadTimeout = BackgroundLimit }).ClientFor();
                var page = await client.ListInstancesAsync(null, 10, cts.Token).ConfigureAwait(false);
                return page.Items;
            }, cts.Token);
            _ = work.ContinueWith(t =>
            {
                cts.Dispose();
                if (t.Status == TaskStatus.RanToCompletion) Cache[key] = (DateTime.UtcNow, t.Result);
                else _ = t.Exception; // observed: completion is silent on failure
            }, TaskScheduler.Default);
            if (!work.Wait(TimeBox)) return Array.Empty<ConnectInstance>();
            return work.Result;
        }
    }
}
