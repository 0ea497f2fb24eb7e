# Context travels with objects: two emulators in different Regions (us-east-1 and us-west-2, each verifying that
# requests are signed for its own Region, so a request for the wrong Region fails). Each object carries its Region,
# and a piped object's or row's Region/Arn is used when -Region is not given.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:East = Start-TestEmulator -Instances 2 -Users 3 -Arguments '--active-only', '--no-quotas'
    $script:West = Start-TestEmulator -Instances 2 -Users 4 -Arguments '--active-only', '--no-quotas', '--region', 'us-west-2'
    $script:AwsState = Enter-TestAwsEnvironment   # AWS_REGION=us-east-1: the default Region is East's
    $script:W = $West.Data.Instances[0]
    $script:E = $East.Data.Instances[0]
    $script:WUrl = $West.Url
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    $script:East, $script:West | Stop-TestEmulator
}

Describe 'Positional ids and ARNs in another Region' {
    BeforeEach { Reset-EmulatorStats $West }

    It 'a us-west-2 ARN at position 0 describes in us-west-2 (not the default Region), and -Verbose says so' {
        $r = Invoke-Captured { Get-ConnectInstance $W.Arn -EndpointUrl $WUrl -Verbose }
        $r.Errors.Count | Should -Be 0
        $r.Output.InstanceId | Should -Be $W.Id
        $r.Output.Region | Should -Be 'us-west-2'
        ($r.Verbose -join "`n") | Should -Match 'Region: us-west-2 \(the ARN given to -InstanceId\)'
        (Get-EmulatorStats $West).Operations.DescribeInstance.Requests | Should -Be 1
    }

    It 'user ARNs at position 0 of Get-ConnectUser describe those users, several at once' {
        $got = @(Get-ConnectUser $W.Users[0].Arn, $W.Users[1].Arn -EndpointUrl $WUrl)
        @($got.UserId) | Should -Be @($W.Users[0].Id, $W.Users[1].Id)
        @($got.Region | Sort-Object -Unique) | Should -Be 'us-west-2'
        (Get-EmulatorStats $West).Operations.DescribeUser.Requests | Should -Be 2
    }

    It 'a plain string piped into Get-ConnectUser is an instance id: lists its users' {
        $got = @($E.Id | Get-ConnectUser -EndpointUrl $East.Url)
        $got.Count | Should -Be 3
        @($got.InstanceId | Sort-Object -Unique) | Should -Be $E.Id
    }

    It 'two instance ids at position 0 of Get-ConnectUser list both' {
        $two = @($East.Data.Instances.Id)
        $got = @(Get-ConnectUser $two[0], $two[1] -Summary -EndpointUrl $East.Url)
        $got.Count | Should -Be 6
        @($got.InstanceId | Sort-Object -Unique) | Should -Be @($two | Sort-Object)
    }
}

Describe 'The Region of a piped object is used when -Region is not given' {
    BeforeEach { Reset-EmulatorStats $West }

    It 'Get-ConnectInstance -Region us-west-2 | Get-ConnectUser<_> calls us-west-2' -ForEach @('', ' -Summary', ' -Username *.0001') {
        $tail = $_
        $sb = [scriptblock]::Create("Get-ConnectInstance -Region us-west-2 -EndpointUrl `$WUrl | Get-ConnectUser -EndpointUrl `$WUrl$tail")
        $r = Invoke-Captured $sb
        $r.Errors.Count | Should -Be 0 -Because ($r.Errors -join '; ')
        $r.Output.Count | Should -BeGreaterThan 0
        @($r.Output.Region | Sort-Object -Unique) | Should -Be 'us-west-2'
        (Get-EmulatorStats $West).TotalRequests | Should -BeGreaterThan 0
    }

    It 'us-west-2 users piped back into Get-ConnectUser describe them in us-west-2; -Verbose names the source' {
        $users = @(Get-ConnectUser $W.Arn -Summary -EndpointUrl $WUrl)
        $r = Invoke-Captured { $users | Get-ConnectUser -EndpointUrl $WUrl -Verbose }
        $r.Errors.Count | Should -Be 0
        @($r.Output.UserId) | Should -Be @($users.UserId)
        $r.Output[0] | Should -BeOfType ([ConnectTools.ConnectUser])
        ($r.Verbose -join "`n") | Should -Match 'Region: us-west-2 \(the Region property of the piped object\)'
    }

    It 'a us-west-2 user piped into Get-ConnectInstance gets its us-west-2 instance' {
        $got = @(Get-ConnectUser $W.Users[0].Arn -EndpointUrl $WUrl | Get-ConnectInstance -EndpointUrl $WUrl)
        $got.InstanceId | Should -Be $W.Id
        $got.Region | Should -Be 'us-west-2'
    }

    It 'us-west-2 rows round-tripped through CSV and JSON keep their Region' {
        $dir = Get-FreeTempDirectory
        try {
            $csv = Join-Path $dir 'users.csv'
            Get-ConnectUser $W.Arn -Summary -EndpointUrl $WUrl | Select-Object InstanceId, UserId, Region | Export-Csv -LiteralPath $csv -NoTypeInformation
            $fromCsv = @(Import-Csv -LiteralPath $csv | Get-ConnectUser -EndpointUrl $WUrl)
            $fromCsv.Count | Should -Be 4
            @($fromCsv.Region | Sort-Object -Unique) | Should -Be 'us-west-2'
            $json = Get-ConnectInstance -Region us-west-2 -EndpointUrl $WUrl | Select-Object InstanceId, Arn, Region | ConvertTo-Json
            $fromJson = @(($json | ConvertFrom-Json) | Get-ConnectUser -Summary -EndpointUrl $WUrl)
            $fromJson.Count | Should -Be 8
            @($fromJson.Region | Sort-Object -Unique) | Should -Be 'us-west-2'
            # A row with an Arn and no Region column: the ARN gives the Region.
            $arnOnly = @([pscustomobject]@{ InstanceId = $W.Id; Arn = $W.Arn } | Get-ConnectInstance -EndpointUrl $WUrl)
            $arnOnly.Region | Should -Be 'us-west-2'
        }
        finally { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It '-Region on the command line wins over the piped Region (and the wrong Region fails at the emulator)' {
        $users = @(Get-ConnectUser $W.Arn -Summary -EndpointUrl $WUrl | Select-Object InstanceId, UserId, Region)
        $r = Invoke-Captured { $users | Get-ConnectUser -Region us-east-1 -EndpointUrl $WUrl }
        $r.Output.Count | Should -Be 0
        @($r.Errors + @($r.Terminating | Where-Object { $_ })).Count | Should -BeGreaterThan 0
    }

    It 'every output object carries its Region and Arn' {
        $objects = @(Get-ConnectInstance -Region us-west-2 -EndpointUrl $WUrl) + @(Get-ConnectUser $W.Arn -EndpointUrl $WUrl) + @(Get-ConnectUser $W.Arn -Summary -EndpointUrl $WUrl)
        foreach ($o in $objects) {
            $o.Region | Should -Be 'us-west-2'
            $o.Arn | Should -Match '^arn:aws:connect:us-west-2:'
        }
    }
}

Describe '-Region with several Regions and *' {
    BeforeAll {
        # One custom endpoint per Region (an emulator each); eu-west-2 points at the us-east-1 emulator, which refuses
        # requests signed for eu-west-2 the way AWS refuses a Region that is not enabled for the account.
        $script:SavedMap = $env:CONNECTTOOLS_ENDPOINT_URLS
        $env:CONNECTTOOLS_ENDPOINT_URLS = "us-east-1=$($East.Url);us-west-2=$($West.Url)"
    }
    AfterAll {
        $env:CONNECTTOOLS_ENDPOINT_URLS = $script:SavedMap
        Clear-EmulatorFault $West
    }
    BeforeEach { Reset-EmulatorStats $West; Reset-EmulatorStats $East; Clear-EmulatorFault $West }

    It '-Region us-east-1, us-west-2 lists both; each object says its Region' {
        $got = @(Get-ConnectInstance -Region us-east-1, us-west-2)
        $got.Count | Should -Be 4
        @($got | Where-Object Region -EQ 'us-west-2').InstanceId | Sort-Object | Should -Be @($West.Data.Instances.Id | Sort-Object)
        @($got | Where-Object Region -EQ 'us-east-1').InstanceId | Sort-Object | Should -Be @($East.Data.Instances.Id | Sort-Object)
    }

    It 'the Regions are queried concurrently: a slow Region does not hold back the others' {
        # us-west-2 answers ListInstances 10 s late. Listed one Region after the other, its instances would come first
        # (it is named first); listed concurrently, us-east-1's come first.
        Add-EmulatorFault $West @{ Operation = 'ListInstances'; Kind = 'Delay'; Delay = '00:00:10'; Count = 1 }
        $got = @(Get-ConnectInstance -Region us-west-2, us-east-1)
        $got.Count | Should -Be 4
        @($got[0..1].Region) | Should -Be @('us-east-1', 'us-east-1')
        @($got[2..3].Region) | Should -Be @('us-west-2', 'us-west-2')
    }

    It '-Region * with the endpoint map lists every mapped Region, and -Verbose says which' {
        $r = Invoke-Captured { Get-ConnectInstance -Region * -Verbose }
        $r.Errors.Count | Should -Be 0
        $r.Output.Count | Should -Be 4
        ($r.Verbose -join "`n") | Should -Match 'Region \*: us-east-1, us-west-2 \(the Regions CONNECTTOOLS_ENDPOINT_URLS maps\)'
    }

    It 'Get-ConnectInstance -Region * | Get-ConnectUser -Summary inventories the account across Regions' {
        $users = @(Get-ConnectInstance -Region * | Get-ConnectUser -Summary)
        $users.Count | Should -Be (2 * 3 + 2 * 4)
        @($users | Where-Object Region -EQ 'us-west-2').Count | Should -Be 8
        @($users | Where-Object Region -EQ 'us-east-1').Count | Should -Be 6
        (Get-EmulatorStats $West).Operations.SearchUsers.Requests | Should -Be 2
        (Get-EmulatorStats $East).Operations.SearchUsers.Requests | Should -Be 2
    }

    It 'one pipeline mixes Regions: ids from both Regions piped as rows go each to its own Region' {
        $rows = @(
            [pscustomobject]@{ InstanceId = $W.Id; UserId = $W.Users[0].Id; Region = 'us-west-2' }
            [pscustomobject]@{ InstanceId = $E.Id; UserId = $E.Users[0].Id; Region = 'us-east-1' }
            [pscustomobject]@{ InstanceId = $W.Id; UserId = $W.Users[1].Id; Region = 'us-west-2' })
        $got = @($rows | Get-ConnectUser)
        @($got.UserId) | Should -Be @($W.Users[0].Id, $E.Users[0].Id, $W.Users[1].Id)
        @($got.Region) | Should -Be @('us-west-2', 'us-east-1', 'us-west-2')
    }

    It 'a Region that fails is one non-terminating error naming it; the other Regions go on' {
        $env:CONNECTTOOLS_ENDPOINT_URLS = "us-east-1=$($East.Url);us-west-2=$($West.Url);eu-west-2=$($East.Url)"
        try {
            $r = Invoke-Captured { Get-ConnectInstance -Region * }
        }
        finally { $env:CONNECTTOOLS_ENDPOINT_URLS = "us-east-1=$($East.Url);us-west-2=$($West.Url)" }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 4
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].TargetObject | Should -Be 'eu-west-2'
        $r.Errors[0].ToString() | Should -Match '^Region eu-west-2: .*The other Regions go on'
    }

    It 'access denied in one Region is one error too' {
        Add-EmulatorFault $West @{ Operation = 'ListInstances'; Kind = 'Status'; StatusCode = 403; ErrorCode = 'AccessDeniedException' }
        $r = Invoke-Captured { Get-ConnectInstance -Region us-east-1, us-west-2 }
        $r.Output.Count | Should -Be 2
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectAccessDenied,ConnectTools.Commands.GetConnectInstanceCommand'
        $r.Errors[0].TargetObject | Should -Be 'us-west-2'
    }

    It '-Region * with -EndpointUrl: every Region of the partition that offers Amazon Connect, each signed for its Region' {
        $saved = $env:CONNECTTOOLS_ENDPOINT_URLS
        $env:CONNECTTOOLS_ENDPOINT_URLS = $null
        try {
            # Every Region goes to the us-east-1 emulator, which accepts only requests signed for us-east-1: one Region
            # answers, each other one is one error naming it.
            $r = Invoke-Captured { Get-ConnectInstance -Region * -EndpointUrl $East.Url -Verbose }
        }
        finally { $env:CONNECTTOOLS_ENDPOINT_URLS = $saved }
        $expected = @([ConnectTools.ConnectRegions]::ConnectRegionsOf('aws'))
        $expected | Should -Contain 'us-west-2'
        $expected | Should -Not -Contain 'eu-west-1'
        $r.Terminating | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 2
        @($r.Errors.TargetObject | Sort-Object) | Should -Be @($expected | Where-Object { $_ -ne 'us-east-1' } | Sort-Object)
        ($r.Verbose -join "`n") | Should -Match ('Region \*: ' + [regex]::Escape($expected -join ', ') + ' \(the Regions of partition aws where Amazon Connect is offered')
    }

    It 'several Regions are refused where one is needed (describing, listing users)' {
        $r = Invoke-Captured { Get-ConnectUser -InstanceId $E.Id -Region * }
        $r.Output.Count | Should -Be 0
        $r.Terminating.FullyQualifiedErrorId | Should -Be 'ConnectInvalidArgument,ConnectTools.Commands.GetConnectUserCommand'
        $r.Terminating.ToString() | Should -Match 'several Regions \(or \*\)'
    }
}
