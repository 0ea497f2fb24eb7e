# Context travels with objects: two emulators in different Regions (us-east-1 and us-west-2, each verifying that
# requests are signed for its own Region, so a request for the wrong Region fails). Each object carries its Region,
# and a piped object's or row's Region/Arn is used when -Region is not given.

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:East = Start-TestEmulator -Instances 2 -Users 3 -Arguments '--no-quotas'
    $script:West = Start-TestEmulator -Instances 2 -Users 4 -Arguments '--no-quotas', '--region', 'us-west-2'
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
