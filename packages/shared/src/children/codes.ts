/**
 * Coded values of the child archive (POLICY.md: the 2016 registration form and the 学籍 field).
 * Labels live in the dictionaries under `codes.<list>.<value>`.
 */
export const GENDERS = ['male', 'female'] as const;
export const SCHOOLING = ['not_in_kindergarten', 'kindergarten', 'primary', 'junior', 'senior', 'vocational', 'dropout', 'not_in_school'] as const;
export const HEALTH = ['healthy', 'disabled', 'ill'] as const;
export const DISABILITY_CATEGORIES = ['visual', 'hearing', 'speech', 'physical', 'intellectual', 'mental', 'multiple'] as const;
export const DISABILITY_GRADES = ['1', '2', '3', '4'] as const;
export const BOARDING = ['boarding', 'day', 'host'] as const;
/** A parent's situation. "home_incapable": at home but without guardianship capacity (severe illness or disability). */
export const PARENT_STATUS = ['away', 'home', 'home_incapable', 'deceased', 'unknown'] as const;
export const HOME_FREQUENCY = ['weekly', 'monthly', 'quarterly', 'half_yearly', 'yearly', 'over_year'] as const;
export const GUARDIAN_RELATIONS = ['paternal_grandparents', 'maternal_grandparents', 'father', 'mother', 'other_relative', 'other'] as const;
export const GUARDIAN_HEALTH = ['healthy', 'fair', 'poor', 'disabled'] as const;
export const EDUCATION = ['none', 'primary', 'junior', 'senior', 'college'] as const;
export const CUSTODY_QUALITY = ['unsupervised', 'parent_incapable', 'guardian_insufficient', 'fair', 'good'] as const;
export const INCOME_SOURCES = ['migrant_work', 'farming', 'government_aid', 'relatives_help', 'other'] as const;
export const ASSISTANCE = ['dibao', 'temporary_aid', 'medical_aid', 'housing_aid', 'other'] as const;
/** The five dimensions the seed's schools watch. */
export const DIMENSIONS = ['study', 'psychology', 'safety', 'conduct', 'life'] as const;
export const DIMENSION_LEVELS = ['good', 'fair', 'attention', 'serious'] as const;
export const CHILD_STATUS = ['active', 'returned', 'transferred', 'left'] as const;
/** Derived: which parents are away. */
export const LEFT_BEHIND_TYPES = ['both', 'father', 'mother', 'none'] as const;
/** Derived 困境 categories (国发〔2016〕36号 plus the local lists). */
export const DIFFICULTY = ['poverty', 'disability', 'guardianship', 'orphan', 'unsupported'] as const;
export const AGE_BANDS = ['0-5', '6-13', '14-16'] as const;

export type Gender = (typeof GENDERS)[number];
export type ParentStatus = (typeof PARENT_STATUS)[number];
export type LeftBehindType = (typeof LEFT_BEHIND_TYPES)[number];
export type Difficulty = (typeof DIFFICULTY)[number];
export type AgeBand = (typeof AGE_BANDS)[number];
export type Dimension = (typeof DIMENSIONS)[number];
export type DimensionLevel = (typeof DIMENSION_LEVELS)[number];
export type ChildStatus = (typeof CHILD_STATUS)[number];

/** Every coded list by name, for labels (`codes.<name>.<value>`), dropdowns and import. */
export const CODE_LISTS = {
  gender: GENDERS,
  schooling: SCHOOLING,
  health: HEALTH,
  disabilityCategory: DISABILITY_CATEGORIES,
  disabilityGrade: DISABILITY_GRADES,
  boarding: BOARDING,
  parentStatus: PARENT_STATUS,
  homeFrequency: HOME_FREQUENCY,
  guardianRelation: GUARDIAN_RELATIONS,
  guardianHealth: GUARDIAN_HEALTH,
  education: EDUCATION,
  custodyQuality: CUSTODY_QUALITY,
  incomeSource: INCOME_SOURCES,
  assistance: ASSISTANCE,
  dimensionLevel: DIMENSION_LEVELS,
  childStatus: CHILD_STATUS,
  leftBehindType: LEFT_BEHIND_TYPES,
  difficulty: DIFFICULTY,
  ageBand: AGE_BANDS,
} as const;
export type CodeListName = keyof typeof CODE_LISTS;
