using System;
using System.Collections.Generic;
using System.Globalization;

namespace ConnectTools.Emulator;

/// <summary>Generates realistic, deterministic instances and users: the same seed gives the same data.</summary>
public sealed class DataGenerator
{
    private static readonly string[] FirstNames =
    [
        "Jane", "John", "Maria", "Wei", "Aisha", "Carlos", "Fatima", "Liam", "Olivia", "Noah", "Emma", "Mateo",
        "Sofia", "Hiroshi", "Priya", "Ahmed", "Chloe", "Lucas", "Mia", "Ethan", "Amara", "Diego", "Elena", "Omar",
        "Grace", "Ivan", "Nora", "Kenji", "Zoe", "Samuel", "Leila", "Tomas", "Hannah", "Ravi", "Ingrid", "Kwame",
    ];

    private static readonly string[] LastNames =
    [
        "Doe", "Smith", "Garcia", "Chen", "Khan", "Rodriguez", "Okafor", "Murphy", "Johansson", "Nguyen", "Kim",
        "Rossi", "Muller", "Tanaka", "Patel", "Hassan", "Martin", "Silva", "Novak", "Brown", "Lopez", "Ivanova",
        "Dubois", "Mensah", "Schmidt", "Haddad", "Kowalski", "Ortiz", "Sato", "Walker", "Andersen", "Costa",
    ];

    private static readonly string[] Departments = ["Sales", "Support", "Billing", "Retention", "Escalations"];
    private static readonly string[] CostCenters = ["CC-1001", "CC-1002", "CC-1003", "CC-2001"];
    private static readonly string[] Sites = ["Seattle", "Dublin", "Manila", "Austin"];
    private static readonly int[] AfterContactWorkLimits = [0, 0, 30, 60, 120, 300];
    private static readonly string[] IdentityTypes = ["CONNECT_MANAGED", "SAML", "EXISTING_DIRECTORY"];

    private readonly string _region;
    private readonly string _accountId;
    private readonly int _seed;

    public DataGenerator(string region, string accountId, int seed)
    {
        _region = region;
        _accountId = accountId;
        _seed = seed;
    }

    /// <summary>Creates (without adding) the instance at <paramref name="index"/> with <paramref name="userCount"/> users.</summary>
    public EmulatorInstance CreateInstance(int index, int userCount)
    {
        var random = new Random(unchecked((_seed * 1_000_003) + index));
        var id = NewGuid(random);
        var alias = $"emulator-cc-{index + 1}";
        var instance = new EmulatorInstance
        {
            Id = id,
            Arn = $"arn:aws:connect:{_region}:{_accountId}:instance/{id}",
            IdentityManagementType = IdentityTypes[index % IdentityTypes.Length],
            InstanceAlias = alias,
            CreatedTime = DateTimeOffset.FromUnixTimeMilliseconds(1_690_000_000_500L + (index * 86_400_000L) + random.Next(0, 1000)),
            ServiceRole = $"arn:aws:iam::{_accountId}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_{Suffix(random)}",
            InstanceStatus = "ACTIVE",
            InboundCallsEnabled = true,
            OutboundCallsEnabled = index % 4 != 3,
            InstanceAccessUrl = $"https://{alias}.my.connect.aws",
            Tags = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["Environment"] = "emulator",
                ["Owner"] = "connecttools",
            },
        };

        if (index % 2 == 1)
        {
            var replica = _region == "us-west-2" ? "us-east-1" : "us-west-2";
            instance.ReplicationConfiguration = new ReplicationConfiguration
            {
                SourceRegion = _region,
                GlobalSignInEndpoint = $"https://{alias}.awsapps.com/connect/login",
                ReplicationStatusSummaryList =
                [
                    new ReplicationStatusSummary { Region = _region, ReplicationStatus = "INSTANCE_REPLICATION_COMPLETE" },
                    new ReplicationStatusSummary { Region = replica, ReplicationStatus = "INSTANCE_REPLICATION_COMPLETE", ReplicationStatusReason = "" },
                ],
            };
        }

        var catalog = new Catalog(random, instance);
        var users = new List<EmulatorUser>(userCount);
        for (var i = 0; i < userCount; i++)
        {
            users.Add(CreateUser(random, instance, catalog, i));
        }

        instance.AddUsers(users);
        return instance;
    }

    private EmulatorUser CreateUser(Random random, EmulatorInstance instance, Catalog catalog, int index)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var number = index.ToString("D4", CultureInfo.InvariantCulture);
        var username = $"{first.ToLowerInvariant()}.{last.ToLowerInvariant()}.{number}";
        var id = NewGuid(random);
        var deskPhone = random.Next(4) == 0;
        var ms = 1_700_000_000_000L + (random.NextInt64(0, 31_536_000L) * 1000L) + (random.Next(3) == 0 ? 0 : random.Next(1, 1000));

        var user = new EmulatorUser
        {
            Id = id,
            Username = username,
            IdentityInfo = new UserIdentityInfo
            {
                FirstName = first,
                LastName = last,
                Email = $"{username}@example.com",
                SecondaryEmail = random.Next(10) == 0 ? $"{first.ToLowerInvariant()}.{number}@example.org" : null,
                Mobile = random.Next(10) < 7 ? Phone(random) : null,
            },
            PhoneConfig = new UserPhoneConfig
            {
                PhoneType = deskPhone ? "DESK_PHONE" : "SOFT_PHONE",
                AutoAccept = random.Next(3) == 0,
                AfterContactWorkTimeLimit = AfterContactWorkLimits[random.Next(AfterContactWorkLimits.Length)],
                DeskPhoneNumber = deskPhone ? Phone(random) : null,
                PersistentConnection = random.Next(4) == 0 ? true : null,
            },
            DirectoryUserId = NewGuid(random),
            SecurityProfileIds = catalog.PickSecurityProfiles(random),
            RoutingProfileId = catalog.RoutingProfiles[random.Next(catalog.RoutingProfiles.Length)],
            HierarchyGroupId = random.Next(5) == 0 ? null : catalog.HierarchyGroups[random.Next(catalog.HierarchyGroups.Length)],
            Tags = Tags(random),
            LastModifiedTime = DateTimeOffset.FromUnixTimeMilliseconds(ms),
            LastModifiedRegion = _region,
        };

        if (random.Next(10) < 3)
        {
            AddChannelConfigs(random, user);
        }

        return user;
    }

    private static void AddChannelConfigs(Random random, EmulatorUser user)
    {
        var voiceAcw = AfterContactWorkLimits[random.Next(AfterContactWorkLimits.Length)];
        user.AutoAcceptConfigs =
        [
            new AutoAcceptConfig { Channel = Channels.Voice, AutoAccept = user.PhoneConfig!.AutoAccept, AgentFirstCallbackAutoAccept = random.Next(2) == 0 },
            new AutoAcceptConfig { Channel = Channels.Chat, AutoAccept = random.Next(2) == 0 },
        ];
        user.AfterContactWorkConfigs =
        [
            new AfterContactWorkConfigPerChannel
            {
                Channel = Channels.Voice,
                AfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = voiceAcw },
                AgentFirstCallbackAfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = 15 },
            },
            new AfterContactWorkConfigPerChannel
            {
                Channel = Channels.Chat,
                AfterContactWorkConfig = new AfterContactWorkConfig { AfterContactWorkTimeLimit = 60 },
            },
        ];
        user.PhoneNumberConfigs =
        [
            new PhoneNumberConfig { Channel = Channels.Voice, PhoneType = user.PhoneConfig.PhoneType ?? "SOFT_PHONE", PhoneNumber = user.PhoneConfig.DeskPhoneNumber },
        ];
        user.PersistentConnectionConfigs =
        [
            new PersistentConnectionConfig { Channel = Channels.Voice, PersistentConnection = user.PhoneConfig.PersistentConnection ?? false },
        ];
        user.VoiceEnhancementConfigs =
        [
            new VoiceEnhancementConfig { Channel = Channels.Voice, VoiceEnhancementMode = random.Next(2) == 0 ? "NOISE_SUPPRESSION" : "VOICE_ISOLATION" },
        ];
    }

    private static Dictionary<string, string> Tags(Random random)
    {
        var tags = new Dictionary<string, string>(3, StringComparer.Ordinal)
        {
            ["Department"] = Departments[random.Next(Departments.Length)],
            ["CostCenter"] = CostCenters[random.Next(CostCenters.Length)],
        };
        if (random.Next(3) == 0)
        {
            tags["Site"] = Sites[random.Next(Sites.Length)];
        }

        return tags;
    }

    private static string Phone(Random random) =>
        "+1206555" + random.Next(0, 10000).ToString("D4", CultureInfo.InvariantCulture);

    private static string Suffix(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    internal static string NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>The routing profiles, security profiles and hierarchy groups of one instance.</summary>
    private sealed class Catalog
    {
        public Catalog(Random random, EmulatorInstance instance)
        {
            RoutingProfiles = Ids(random, 5);
            SecurityProfiles = Ids(random, 6);
            var top = Ids(random, 3);
            var children = Ids(random, 6);
            for (var i = 0; i < children.Length; i++)
            {
                instance.HierarchyGroupParents[children[i]] = top[i % top.Length];
            }

            HierarchyGroups = [.. top, .. children];
        }

        public string[] RoutingProfiles { get; }

        public string[] SecurityProfiles { get; }

        public string[] HierarchyGroups { get; }

        public List<string> PickSecurityProfiles(Random random)
        {
            var count = random.Next(1, 4);
            var start = random.Next(SecurityProfiles.Length);
            var picked = new List<string>(count);
            for (var i = 0; i < count; i++)
            {
                picked.Add(SecurityProfiles[(start + i) % SecurityProfiles.Length]);
            }

            return picked;
        }

        private static string[] Ids(Random random, int count)
        {
            var ids = new string[count];
            for (var i = 0; i < count; i++)
            {
                ids[i] = NewGuid(random);
            }

            return ids;
        }
    }
}
