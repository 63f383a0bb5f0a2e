// Dates in the reader's own time zone and language; money is already in yuan in API answers.
import dayjs from 'dayjs';

export const formatTime = (iso: string | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

export const formatYuan = (yuan: number | undefined) => (yuan === undefined ? '—' : yuan.toFixed(2));
