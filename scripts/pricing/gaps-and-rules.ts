/**
 * What the staged sources lack (each becomes a snapshot gap and a manifest "notPriced" entry, and
 * lines that need it read "needs a live price refresh"), and the rules behind every derived figure.
 */
import type { PriceGap, PricingSnapshot } from '../../core/pricing/snapshot';
import { LICENCE_RULE_ID } from '../../core/pricing/derived-products';
import type { LicenceRates } from './ec2';
import type { RegionSpec } from './source-files';

export function gapsFor(spec: RegionSpec, convertibleRiStaged: boolean): PriceGap[] {
  const gaps: PriceGap[] = [
    {
      id: 'ec2-windows-not-derivable',
      what: 'EC2 Windows and SQL Server prices for burstable (t2, t3, t3a), Graviton, accelerated, flex and older-generation types',
      reason:
        "The bundled files hold Linux prices only, and AWS's per-vCPU licence rule does not reproduce Windows prices for these types.",
      match: { serviceCode: 'AmazonEC2', productFamily: 'Compute Instance', operatingSystem: 'Windows' },
    },
    {
      id: 'ec2-ri-upfront',
      what: 'EC2 Reserved Instances paid Partial Upfront or All Upfront',
      reason:
        "The bundled Reserved Instance files give No Upfront rates only; AWS's upfront fees are not in them.",
      match: { term: 'Reserved Instance, Partial or All Upfront' },
    },
    {
      id: 'savings-plans',
      what: 'Savings Plans rates (Compute and EC2 Instance Savings Plans)',
      reason:
        'AWS publishes Savings Plans rates in a separate Savings Plans price list, which the bundled files do not include.',
      match: { term: 'Savings Plans' },
    },
    {
      id: 'fsx-windows-single-az',
      what: 'FSx for Windows File Server Single-AZ storage, throughput and backups',
      reason:
        'The FSx price file has no readable labels, and only the Multi-AZ keys could be identified against a labelled source.',
      match: { serviceCode: 'AmazonFSx', deploymentOption: 'Single-AZ' },
    },
    {
      id: 'rds-sqlserver-class',
      what: 'RDS for SQL Server instance classes outside the bundled file (7th generation db.m7i and db.r7i and newer)',
      reason:
        'AWS prices 7th-generation RDS for SQL Server with an unbundled licence fee, which the bundled RDS file does not hold.',
      match: { serviceCode: 'AmazonRDS', productFamily: 'Database Instance' },
    },
    {
      id: 'rds-reserved',
      what: 'RDS for SQL Server Reserved Instances',
      reason:
        'The bundled RDS file holds On-Demand prices only; RDS lines stay On-Demand until a live refresh.',
      match: { term: 'RDS Reserved Instance' },
    },
    {
      id: 'managed-microsoft-ad',
      what: 'AWS Managed Microsoft AD (Directory Service)',
      reason: 'No Directory Service price file is staged with the bundled snapshot.',
      match: { serviceCode: 'AWSDirectoryService' },
    },
    {
      id: 'cross-az-transfer',
      what: 'Data transfer between Availability Zones (for example SQL Server replication to a replica in another AZ)',
      reason: 'The staged data-transfer file has no intra-region (cross-AZ) rate for this region.',
      match: { serviceCode: 'AWSDataTransfer', transferType: 'IntraRegion' },
    },
    {
      id: 'direct-connect-location',
      what: 'Direct Connect ports and data transfer at locations or speeds the bundled file does not list',
      reason: `The bundled Direct Connect file (AWS publication 2020) lists only the ${spec.location} locations and speeds it prices.`,
      match: { serviceCode: 'AWSDirectConnect' },
    },
  ];
  if (!convertibleRiStaged)
    gaps.splice(2, 0, {
      id: 'ec2-ri-convertible',
      what: `EC2 Convertible Reserved Instances in ${spec.region}`,
      reason: `No convertible Reserved Instance file is staged for ${spec.location}.`,
      match: { term: 'Convertible Reserved Instance' },
    });
  return gaps;
}

export function derivationRules(rates: LicenceRates): PricingSnapshot['derivationRules'] {
  return [
    {
      id: LICENCE_RULE_ID,
      text:
        `Windows and SQL Server License Included EC2 prices are derived, not published in the bundled files: ` +
        `Linux On-Demand price + vCPU × AWS's licence rate per vCPU-hour (Windows ${rates.windows}; Windows + SQL Web ${rates.web}; ` +
        `Windows + SQL Standard ${rates.standard}; Windows + SQL Enterprise ${rates.enterprise}; SQL Standard and Enterprise bill at least 4 vCPU). ` +
        `The rule reproduces AWS's published prices to the cent for current-generation, non-burstable x86 types in us-east-1, il-central-1 and eu-central-1 ` +
        `(pricing-source/ap-south-1-prices.md, "Task 1"); it is applied only to such types. A live price refresh replaces derived prices with observed ones.`,
    },
    {
      id: 'ec2-ri-license-included',
      text:
        'Reserved Instances discount the compute part of a Windows or SQL Server License Included instance only: the licence fee is not discounted. ' +
        'Where no Windows Reserved Instance rate is published, the price is an estimate: the Linux Reserved Instance rate (published) plus the licence part at On-Demand rates ' +
        '(License Included On-Demand price − Linux On-Demand price). A live price refresh uses AWS’s own Windows Reserved Instance rates where the Price List has them.',
    },
    {
      id: 'ec2-optimize-cpu',
      text:
        'Optimize CPUs on a License Included instance bills the licence per active vCPU (EC2 User Guide, "Optimize CPUs for License-Included instances": ' +
        `Windows ${rates.windows}, SQL Server Web ${rates.web}, Standard ${rates.standard}, Enterprise ${rates.enterprise} per vCPU-hour; supported with On-Demand and Savings Plans; ` +
        'Reserved Instance discounts may not apply). The licence part (License Included price − Linux price) is scaled by licensed active vCPUs ÷ licensed vCPUs, ' +
        'SQL Server Standard and Enterprise counting at least 4; the compute part is unchanged. With a Reserved Instance purchase option, such instances are priced at On-Demand compute rates.',
    },
    {
      id: 'fsx-windows-key-mapping',
      text:
        'The FSx price file has no readable key text. The Multi-AZ throughput, SSD, HDD and backup keys were identified as the only keys whose us-east-1 price equals ' +
        'infracost\'s us-east-1 MULTI_AZ_1 golden figures (pricing-source/ap-south-1-prices.md, "DERIVED MAPPING"); the prices are read from the file. Where several keys qualify, the build checks they agree.',
    },
  ];
}
