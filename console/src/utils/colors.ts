// Tag colours dark enough for white text (WCAG AA 4.5:1): Ant Design's light preset tags (green text on pale green)
// fail axe-core's contrast check, so status tags use these solid colours instead.
export const TAG = {
  green: '#237804',
  blue: '#0958d9',
  orange: '#ad4e00',
  red: '#a8071a',
  gray: '#595959',
} as const;
