import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { MAX_ROW_ID } from '../common/id-param';
import { Text, WholeNumber } from '../common/validation';

export class MergeClusterDto {
  @WholeNumber(1, MAX_ROW_ID, { message: 'into must be the id of the cluster to merge into' }) into!: number;
}

export class SplitClusterDto {
  @IsArray({ message: 'storyIds must be a list of the ids of the stories to move to a new cluster' })
  @ArrayMinSize(1, { message: 'storyIds must name at least one story' })
  @ArrayMaxSize(1000, { message: 'storyIds must name at most 1000 stories' })
  @WholeNumber(1, MAX_ROW_ID, { each: true, message: 'storyIds must be story ids (whole numbers)' })
  storyIds!: number[];
}

export class SetPublisherFamilyDto {
  @Text({ minLength: 1, maxLength: 253, message: 'family must be the domain name of the outlet the publisher counts as, such as "bbc.co.uk"' }) family!: string;
}
