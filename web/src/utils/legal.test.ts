import { describe, it, expect, vi } from 'vitest'
import {
  acceptOf, campaignProgress, captureFrame, fileProblem, firstTab, formatBytes, formatLength, frameSize, frameTime, isEditable,
  missingForReview, offeredActions, statusTag, transition, uploadType, type FrameCanvas,
} from './legal'

const writer = { permissions: ['legal.read', 'legal.write'], userId: 7 }
const reviewer = { permissions: ['legal.read', 'legal.write', 'legal.publish'], userId: 3 }
const leader = { permissions: ['region.read', 'stats.read'], userId: 9 }
const video = (status: string, more: object = {}) => ({ status, kind: 'video', media_sha: 'abc', submitted_by: null as number | null, ...more })

describe('a content item\'s status', () => {
  it('moves as the server\'s rules say: draft → review → published → withdrawn, review back to draft, withdrawn to review', () => {
    expect(transition('draft', 'submit')).toBe('review')
    expect(transition('withdrawn', 'submit')).toBe('review')
    expect(transition('review', 'return')).toBe('draft')
    expect(transition('review', 'publish')).toBe('published')
    expect(transition('published', 'withdraw')).toBe('withdrawn')
    expect(transition('published', 'submit')).toBeNull()
    expect(transition('draft', 'publish')).toBeNull()
    expect(transition('draft', 'withdraw')).toBeNull()
    expect(transition('withdrawn', 'publish')).toBeNull()
    expect(transition('review', 'submit')).toBeNull()
  })

  it('offers a writer 提交审核 on a draft or a withdrawn item, and nothing else', () => {
    expect(offeredActions(video('draft'), writer)).toEqual([{ action: 'submit', blocked: null }])
    expect(offeredActions(video('withdrawn'), writer)).toEqual([{ action: 'submit', blocked: null }])
    expect(offeredActions(video('review'), writer)).toEqual([])
    expect(offeredActions(video('published'), writer)).toEqual([])
  })

  it('offers a reviewer 退回 and 发布 in review, 撤回 once published', () => {
    expect(offeredActions(video('review', { submitted_by: 7 }), reviewer).map((o) => o.action)).toEqual(['return', 'publish'])
    expect(offeredActions(video('published'), reviewer)).toEqual([{ action: 'withdraw', blocked: null }])
    expect(offeredActions(video('draft'), reviewer)).toEqual([{ action: 'submit', blocked: null }])
  })

  it('never lets a reviewer publish her own submission (shown, disabled, with the reason)', () => {
    expect(offeredActions(video('review', { submitted_by: 3 }), reviewer)).toEqual([
      { action: 'return', blocked: null }, { action: 'publish', blocked: 'own_submission' },
    ])
  })

  it('says what is missing before review: a video\'s or audio\'s file, an article\'s text', () => {
    expect(missingForReview({ status: 'draft', kind: 'video', media_sha: null })).toBe('media')
    expect(missingForReview({ status: 'draft', kind: 'audio', media_sha: '' })).toBe('media')
    expect(missingForReview({ status: 'draft', kind: 'article', body: '  \n ' })).toBe('body')
    expect(missingForReview({ status: 'draft', kind: 'article', body: '第一段' })).toBeNull()
    expect(offeredActions(video('draft', { media_sha: null }), writer)).toEqual([{ action: 'submit', blocked: 'media' }])
  })

  it('offers a leader and a retired item nothing', () => {
    for (const s of ['draft', 'review', 'published', 'withdrawn']) expect(offeredActions(video(s), leader)).toEqual([])
    expect(offeredActions(video('review', { retired: true }), reviewer)).toEqual([])
  })

  it('is edited only as a draft or withdrawn, by a writer, and not retired', () => {
    expect(isEditable(video('draft'), writer)).toBe(true)
    expect(isEditable(video('withdrawn'), writer)).toBe(true)
    expect(isEditable(video('review'), reviewer)).toBe(false)
    expect(isEditable(video('published'), reviewer)).toBe(false)
    expect(isEditable(video('draft', { retired: true }), writer)).toBe(false)
    expect(isEditable(video('draft'), leader)).toBe(false)
  })

  it('starts a reviewer on 待审核, anyone else on 全部; colours the statuses', () => {
    expect(firstTab(reviewer.permissions)).toBe('review')
    expect(firstTab(writer.permissions)).toBe('')
    expect(['draft', 'review', 'published', 'withdrawn'].map(statusTag)).toEqual(['info', 'warning', 'success', 'danger'])
  })
})

describe('the files', () => {
  it('sends a file with the type the server names, from the browser\'s type or the name', () => {
    expect(uploadType('video', { type: 'video/webm', name: 'a.webm' })).toBe('video/webm')
    expect(uploadType('video', { type: '', name: 'clip.MP4' })).toBe('video/mp4')
    expect(uploadType('audio', { type: 'audio/x-m4a', name: 'talk.m4a' })).toBe('audio/mp4')
    expect(uploadType('audio', { type: 'audio/mp3', name: 'talk.mp3' })).toBe('audio/mpeg')
    expect(uploadType('audio', { type: 'video/mp4', name: 'talk.mp4' })).toBe('audio/mp4')
    expect(uploadType('audio', { type: 'application/octet-stream', name: 'x.ogg' })).toBe('audio/ogg')
    expect(uploadType('image', { type: 'image/jpg', name: 'p.jpg' })).toBe('image/jpeg')
    // what the item does not take
    expect(uploadType('video', { type: 'audio/mpeg', name: 'a.mp3' })).toBeNull()
    expect(uploadType('audio', { type: 'video/webm', name: 'a.webm' })).toBeNull()
    expect(uploadType('article', { type: 'video/mp4', name: 'a.mp4' })).toBeNull()
    expect(uploadType('image', { type: 'image/gif', name: 'a.gif' })).toBeNull()
  })

  it('refuses a wrong type, an empty file and one over 100 MB (5 MB for an image) before sending', () => {
    expect(fileProblem('video', { type: 'video/mp4', size: 10 })).toBeNull()
    expect(fileProblem('video', { type: 'image/png', size: 10 })).toBe('type')
    expect(fileProblem('video', { type: 'video/mp4', size: 0 })).toBe('empty')
    expect(fileProblem('video', { type: 'video/mp4', size: 100 * 1024 * 1024 + 1 })).toBe('size')
    expect(fileProblem('image', { type: 'image/png', size: 5 * 1024 * 1024 })).toBeNull()
    expect(fileProblem('image', { type: 'image/png', size: 5 * 1024 * 1024 + 1 })).toBe('size')
    expect(acceptOf('video')).toContain('video/webm')
    expect(acceptOf('audio')).toContain('audio/mpeg')
    expect(acceptOf('image')).toBe('image/jpeg,image/png,image/webp')
  })

  it('writes sizes and lengths', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB')
    expect(formatBytes(null)).toBe('0 B')
    expect(formatLength(185)).toBe('3:05')
    expect(formatLength(3725)).toBe('1:02:05')
    expect(formatLength(0)).toBe('')
    expect(formatLength(Infinity)).toBe('')
  })
})

describe('a campaign\'s progress', () => {
  it('is the school lectures held against the target, at most 100 %, done once reached', () => {
    expect(campaignProgress(0, 100)).toEqual({ percent: 0, done: false })
    expect(campaignProgress(37, 100)).toEqual({ percent: 37, done: false })
    expect(campaignProgress(1, 3)).toEqual({ percent: 33, done: false })
    expect(campaignProgress(100, 100)).toEqual({ percent: 100, done: true })
    expect(campaignProgress(101, 100)).toEqual({ percent: 100, done: true })
  })
  it('has none without a target', () => {
    expect(campaignProgress(24, 0)).toBeNull()
    expect(campaignProgress(24, null)).toBeNull()
  })
})

describe('the poster frame', () => {
  it('is taken 1 s in, or in the middle of a shorter clip, never past the end', () => {
    expect(frameTime(60)).toBe(1)
    expect(frameTime(0.8)).toBeCloseTo(0.4)
    expect(frameTime(60, 75)).toBe(30)
    expect(frameTime(1, 1)).toBe(0.5)
    expect(frameTime(0.04)).toBe(0)
    expect(frameTime(Infinity)).toBe(1)
    expect(frameTime(NaN, 0)).toBe(0)
    expect(frameTime(10, 3.5)).toBe(3.5)
  })

  it('keeps the video\'s shape, at most 1280 pixels', () => {
    expect(frameSize(480, 270)).toEqual({ width: 480, height: 270 })
    expect(frameSize(1920, 1080)).toEqual({ width: 1280, height: 720 })
    expect(frameSize(1080, 1920)).toEqual({ width: 720, height: 1280 })
    expect(frameSize(0, 0)).toEqual({ width: 0, height: 0 })
  })

  it('draws the current frame onto a canvas and answers it as a JPEG', async () => {
    const drawn: unknown[] = []
    const asked: unknown[] = []
    const canvas: FrameCanvas = {
      width: 0, height: 0,
      getContext: () => ({ drawImage: (...a: unknown[]) => void drawn.push(a) }),
      toBlob: (done, type, quality) => {
        asked.push([type, quality])
        done(new Blob(['jpeg'], { type: type ?? '' }))
      },
    }
    const video = { videoWidth: 1920, videoHeight: 1080 }
    const blob = await captureFrame(video, { makeCanvas: () => canvas })
    expect(blob.type).toBe('image/jpeg')
    expect([canvas.width, canvas.height]).toEqual([1280, 720])
    expect(drawn).toEqual([[video, 0, 0, 1280, 720]])
    expect(asked).toEqual([['image/jpeg', 0.85]])
  })

  it('fails without a picture, or when the frame cannot be encoded', async () => {
    const make = vi.fn()
    await expect(captureFrame({ videoWidth: 0, videoHeight: 0 }, { makeCanvas: make })).rejects.toThrow('no picture')
    expect(make).not.toHaveBeenCalled()
    const blank: FrameCanvas = { width: 0, height: 0, getContext: () => ({ drawImage: () => {} }), toBlob: (done) => done(null) }
    await expect(captureFrame({ videoWidth: 10, videoHeight: 10 }, { makeCanvas: () => blank })).rejects.toThrow('encoded')
  })
})
