/**
 * The official AWS Architecture Icons (set of 30 January 2026, from the `aws-icons` package) for
 * what the canvas draws. Only these files are imported, so only they are bundled: each is a small SVG
 * that Vite inlines as a data: URL (allowed by the page's CSP) or emits as an asset.
 *
 * AWS permits customers and partners to use these icons to create architecture diagrams; they are
 * shown unmodified. The package's own code is MIT-licensed.
 */
import alb from 'aws-icons/icons/resource/ElasticLoadBalancingApplicationLoadBalancer.svg';
import cloudTrail from 'aws-icons/icons/architecture-service/AWSCloudTrail.svg';
import cloudWatch from 'aws-icons/icons/architecture-service/AmazonCloudWatch.svg';
import config from 'aws-icons/icons/architecture-service/AWSConfig.svg';
import directConnect from 'aws-icons/icons/architecture-service/AWSDirectConnect.svg';
import directory from 'aws-icons/icons/architecture-service/AWSDirectoryService.svg';
import ec2 from 'aws-icons/icons/architecture-service/AmazonEC2.svg';
import ec2Db from 'aws-icons/icons/resource/AmazonEC2DBInstance.svg';
import endpoint from 'aws-icons/icons/resource/AmazonVPCEndpoints.svg';
import fsx from 'aws-icons/icons/architecture-service/AmazonFSxforWFS.svg';
import guardDuty from 'aws-icons/icons/architecture-service/AmazonGuardDuty.svg';
import igw from 'aws-icons/icons/resource/AmazonVPCInternetGateway.svg';
import kms from 'aws-icons/icons/architecture-service/AWSKeyManagementService.svg';
import nat from 'aws-icons/icons/resource/AmazonVPCNATGateway.svg';
import patch from 'aws-icons/icons/resource/AWSSystemsManagerPatchManager.svg';
import privateSubnet from 'aws-icons/icons/architecture-group/Privatesubnet.svg';
import publicSubnet from 'aws-icons/icons/architecture-group/Publicsubnet.svg';
import rds from 'aws-icons/icons/architecture-service/AmazonRDS.svg';
import route53 from 'aws-icons/icons/resource/AmazonRoute53HostedZone.svg';
import s3 from 'aws-icons/icons/architecture-service/AmazonSimpleStorageService.svg';
import secrets from 'aws-icons/icons/architecture-service/AWSSecretsManager.svg';
import vpc from 'aws-icons/icons/architecture-group/VirtualprivatecloudVPC.svg';
import vpn from 'aws-icons/icons/architecture-service/AWSSitetoSiteVPN.svg';
import waf from 'aws-icons/icons/architecture-service/AWSWAF.svg';
import type { PaletteItem } from '../../core/edit/palette';
import type { ResourceKind } from './to-flow';

export const RESOURCE_ICONS: Readonly<Record<ResourceKind, string>> = {
  'ec2-instance': ec2,
  'load-balancer': alb,
  'nat-gateway': nat,
  'internet-gateway': igw,
  's3-bucket': s3,
  'kms-key': kms,
  'waf-web-acl': waf,
  'vpn-connection': vpn,
  'direct-connect': directConnect,
  'route53-zone': route53,
  'directory-service': directory,
  'fsx-windows': fsx,
  'rds-sql-server': rds,
  cloudtrail: cloudTrail,
  guardduty: guardDuty,
  'config-recorder': config,
  'patch-manager': patch,
  'secrets-manager-secret': secrets,
  cloudwatch: cloudWatch,
  'vpc-endpoint': endpoint,
};

/** SQL Server on EC2 uses AWS's "EC2 DB instance" resource icon, so the database tier reads at a glance. */
export const SQL_INSTANCE_ICON = ec2Db;

export const GROUP_ICONS = { vpc, publicSubnet, privateSubnet } as const;

export const PALETTE_ICONS: Readonly<Record<PaletteItem, string>> = {
  'ec2-server': ec2,
  'bot-runner': ec2,
  'sql-node': ec2Db,
  'load-balancer': alb,
  'nat-gateway': nat,
  's3-bucket': s3,
  'kms-key': kms,
  'vpn-connection': vpn,
  'vpc-endpoint': endpoint,
};
