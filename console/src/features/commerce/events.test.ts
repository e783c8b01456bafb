import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { ApprovalDto, CompensationDto, QueryClient, RealtimeEvent } from './testTypes.ts';
