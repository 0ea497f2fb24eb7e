# Get-ConnectInstance against an emulator with 12 active instances and, as the emulator adds by default, one still being
# created and one whose creation failed: 14 in all (more than one ListInstances page of 10).

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emu = Start-TestEmulator -Instances 12 -Users 2 -Arguments '--no-quotas'
    $script:AwsState = Enter-TestAwsEnvironment
    $script:Url = $Emu.Url
    $script:Expected = @($Emu.Data.Instances)
    $script:First = $Expected[0]
    $script:Second = $Expected[1]
}

AfterAll {
    if ($script:AwsState) { Exit-TestAwsEnvironment $script:AwsState }
    Stop-TestEmulator $script:Emu
}

Describe 'Get-ConnectInstance, List parameter set' {
    BeforeEach { Reset-EmulatorStats $Emu }

    It 'lists every instance of the account (two ListInstances pages), each described' {
        $all = @(Get-ConnectInstance -EndpointUrl $Url)
        $all.Count | Should -Be 14
        @($all.InstanceId | Sort-Object) | Should -Be @($Expected.Id | Sort-Object)
        $all | ForEach-Object { $_ | Should -BeOfType ([ConnectTools.ConnectInstance]) }
        @($all | Where-Object InstanceStatus -EQ 'ACTIVE').Count | Should -Be 12
        ($all | Where-Object InstanceStatus -EQ 'CREATION_IN_PROGRESS').InstanceAlias | Should -Be 'emulator-creating'
        $failed = $all | Where-Object InstanceStatus -EQ 'CREATION_FAILED'
        $failed.InstanceAlias | Should -Be 'emulator-failed'
        $failed.StatusReason.Message | Should -Match 'could not be created'
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.ListInstances.Requests | Should -Be 2
        $stats.Operations.DescribeInstance.Requests | Should -Be 14
        ($all | Where-Object InstanceId -EQ $First.Id).Arn | Should -Be $First.Arn
        ($all | Where-Object InstanceId -EQ $First.Id).InstanceAlias | Should -Be $First.InstanceAlias
        ($all | Where-Object InstanceId -EQ $First.Id).Region | Should -Be 'us-east-1'
    }

    It '-InstanceAlias with a wildcard returns the matching instances only' {
        $got = @(Get-ConnectInstance -InstanceAlias 'emulator-cc-1*' -EndpointUrl $Url)
        $want = @($Expected | Where-Object InstanceAlias -Like 'emulator-cc-1*')
        $want.Count | Should -Be 4   # 1, 10, 11, 12
        @($got.InstanceAlias | Sort-Object) | Should -Be @($want.InstanceAlias | Sort-Object)
        (Get-EmulatorStats $Emu).Operations.DescribeInstance.Requests | Should -Be 4
    }

    It '-InstanceAlias matches case-insensitively and takes several values' {
        $got = @(Get-ConnectInstance -InstanceAlias 'EMULATOR-CC-2', 'emulator-cc-3' -EndpointUrl $Url)
        @($got.InstanceAlias | Sort-Object) | Should -Be @('emulator-cc-2', 'emulator-cc-3')
    }

    It 'a literal -InstanceAlias that does not exist writes one ObjectNotFound error' {
        $r = Invoke-Captured { Get-ConnectInstance -InstanceAlias 'emulator-cc-2', 'no-such-alias' -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        @($r.Output).Count | Should -Be 1
        $r.Output[0].InstanceAlias | Should -Be 'emulator-cc-2'
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectInstanceAliasNotFound,ConnectTools.Commands.GetConnectInstanceCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $r.Errors[0].TargetObject | Should -Be 'no-such-alias'
        $r.Errors[0].ToString() | Should -Match 'no-such-alias'
    }

    It 'a wildcard -InstanceAlias that matches nothing is silent' {
        $r = Invoke-Captured { Get-ConnectInstance -InstanceAlias 'nothing-like-this*' -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        $r.Errors.Count | Should -Be 0
        $r.Output.Count | Should -Be 0
    }

    It '-NoAutoIteration (alias -NoPaginate) reads only the first ListInstances page' {
        $got = @(Get-ConnectInstance -NoAutoIteration -EndpointUrl $Url)
        $got.Count | Should -Be 10
        (Get-EmulatorStats $Emu).Operations.ListInstances.Requests | Should -Be 1
        Reset-EmulatorStats $Emu
        @(Get-ConnectInstance -NoPaginate -EndpointUrl $Url).Count | Should -Be 10
    }

    It '-ThrottleLimit bounds the DescribeInstance calls in flight' {
        $null = Set-EmulatorOption $Emu @{ LatencyMs = 40 }
        try {
            Reset-EmulatorStats $Emu
            @(Get-ConnectInstance -ThrottleLimit 1 -EndpointUrl $Url).Count | Should -Be 14
            (Get-EmulatorStats $Emu).MaxConcurrentRequests | Should -BeLessOrEqual 2   # one DescribeInstance + the next ListInstances page
        }
        finally {
            $null = Set-EmulatorOption $Emu @{ LatencyMs = 0 }
        }
    }
}

Describe 'Get-ConnectInstance, ById parameter set' {
    BeforeEach { Reset-EmulatorStats $Emu }

    It '-InstanceId with an id returns that instance with DescribeInstance only' {
        $got = @(Get-ConnectInstance -InstanceId $First.Id -EndpointUrl $Url)
        $got.Count | Should -Be 1
        $got[0].InstanceId | Should -Be $First.Id
        $got[0].Arn | Should -Be $First.Arn
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeInstance.Requests | Should -Be 1
        $stats.Operations.ListInstances.Requests | Should -Be 0
    }

    It '-InstanceId takes an instance ARN' {
        $got = @(Get-ConnectInstance -InstanceId $Second.Arn -EndpointUrl $Url)
        $got.Count | Should -Be 1
        $got[0].InstanceId | Should -Be $Second.Id
    }

    It 'an id, an ARN, or several of them at position 0 describe (no alias lookup, no listing)' {
        @(Get-ConnectInstance $First.Id -EndpointUrl $Url).InstanceId | Should -Be $First.Id
        @(Get-ConnectInstance $Second.Arn -EndpointUrl $Url).InstanceId | Should -Be $Second.Id
        $both = @(Get-ConnectInstance $First.Id, $Second.Arn -EndpointUrl $Url)
        @($both.InstanceId) | Should -Be @($First.Id, $Second.Id)
        $stats = Get-EmulatorStats $Emu
        $stats.Operations.DescribeInstance.Requests | Should -Be 4
        $stats.Operations.ListInstances.Requests | Should -Be 0
    }

    It 'no argument lists; -InstanceAlias is not positional' {
        (Get-Command Get-ConnectInstance).DefaultParameterSet | Should -Be 'List'
        (Get-Command Get-ConnectInstance).Parameters['InstanceAlias'].ParameterSets['List'].Position | Should -BeLessThan 0
        @(Get-ConnectInstance -EndpointUrl $Url).Count | Should -Be $Expected.Count   # 12 ACTIVE, one creating, one failed
    }

    It 'a user ARN is refused with its own message, the other values go on' {
        $r = Invoke-Captured { Get-ConnectInstance $Second.Id, "$($First.Arn)/agent/0c245dc0-0cf5-4e37-800e-2a7481cc8a60" -EndpointUrl $Url }
        @($r.Output.InstanceId) | Should -Be @($Second.Id)
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'ConnectInvalidArgument,ConnectTools.Commands.GetConnectInstanceCommand'
        $r.Errors[0].ToString() | Should -Match 'is the ARN of a user, not of an instance'
    }

    It 'takes ids from the pipeline by value' {
        $got = @($First.Id, $Second.Id | Get-ConnectInstance -EndpointUrl $Url)
        @($got.InstanceId) | Should -Be @($First.Id, $Second.Id)
    }

    It 'takes objects with an InstanceId property from the pipeline by property name' {
        $got = @([pscustomobject]@{ InstanceId = $Second.Id } | Get-ConnectInstance -EndpointUrl $Url)
        $got.InstanceId | Should -Be $Second.Id
        $again = @(Get-ConnectInstance -InstanceAlias 'emulator-cc-5' -EndpointUrl $Url | Get-ConnectInstance -EndpointUrl $Url)
        $again.InstanceAlias | Should -Be 'emulator-cc-5'
    }

    It 'found and not-found ids: the found instances and one ObjectNotFound error per missing id' {
        $missing1 = '00000000-0000-4000-8000-000000000001'
        $missing2 = '00000000-0000-4000-8000-000000000002'
        $r = Invoke-Captured { Get-ConnectInstance -InstanceId $First.Id, $missing1, $Second.Id, $missing2 -EndpointUrl $Url }
        $r.Terminating | Should -BeNullOrEmpty
        @($r.Output.InstanceId | Sort-Object) | Should -Be @($First.Id, $Second.Id | Sort-Object)
        $r.Errors.Count | Should -Be 2
        foreach ($e in $r.Errors) {
            $e.FullyQualifiedErrorId | Should -Be 'ConnectInstanceNotFound,ConnectTools.Commands.GetConnectInstanceCommand'
            $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        }
        @($r.Errors.TargetObject | Sort-Object) | Should -Be @($missing1, $missing2)
        ($r.Errors | Where-Object TargetObject -EQ $missing1).ToString() | Should -Match ([regex]::Escape($missing1))
    }

    It '-ErrorAction Stop turns a missing instance into a terminating error' {
        $e = Get-ThrownError { Get-ConnectInstance -InstanceId '00000000-0000-4000-8000-000000000003' -EndpointUrl $Url -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -Be 'ConnectInstanceNotFound,ConnectTools.Commands.GetConnectInstanceCommand'
    }

    It 'an ARN whose Region conflicts with -Region is refused before any request' {
        $r = Invoke-Captured { Get-ConnectInstance -InstanceId $First.Arn -Region 'eu-west-2' -EndpointUrl $Url }
        $err = @($r.Errors) + @($r.Terminating | Where-Object { $_ })
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'ConnectInvalidArgument,ConnectTools.Commands.GetConnectInstanceCommand'
        $err[0].ToString() | Should -Match 'eu-west-2'
        $r.Output.Count | Should -Be 0
        (Get-EmulatorStats $Emu).TotalRequests | Should -Be 0
    }
}

Describe 'Get-ConnectInstance format views' {
    It 'the default table has the instance columns' {
        $text = Get-ConnectInstance -InstanceId $First.Id -EndpointUrl $Url | Out-String -Width 140
        foreach ($h in 'InstanceAlias', 'InstanceId', 'Status', 'Identity', 'Region', 'Created') { $text | Should -Match "\b$h\b" }
        $text | Should -Match ([regex]::Escape($First.Id))
        $text | Should -Match 'ACTIVE'
    }

    It 'the list view shows the ARN and the replication summary' {
        $text = Get-ConnectInstance -InstanceId $Second.Id -EndpointUrl $Url | Format-List | Out-String -Width 200
        $text | Should -Match ('Arn\s+: ' + [regex]::Escape($Second.Arn))
        $text | Should -Match 'InstanceStatus\s+: ACTIVE'
        $text | Should -Match 'Replication\s+: us-east-1: INSTANCE_REPLICATION_COMPLETE'
        $text | Should -Match 'Tags\s+: Environment=emulator; Owner=connecttools'
    }
}
